//! The meeting room against its goals: from start to the first frame on the
//! demo repository (30 ms or less), one full frame of the resolution view
//! with all four proposals at 200x60 (2 ms or less), the same with 50
//! proposals on the item and with the decision dialog listing them (2 ms or
//! less), replaying a journal of 5,000 events (50 ms or less), the second
//! screen's frame (2 ms or less) and an event on it within 0.5 s, and peak
//! memory during a session (30 MB or less).

mod common;

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::measure;
use gavel::journal::{Entry, Event, Journal, Position, Session};
use gavel::tui::app::{Action, App, Pane};
use gavel::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("wg");
    assert!(Command::new(env!("CARGO_BIN_EXE_gavel")).arg("demo").arg(&dir).stdout(Stdio::null()).status().unwrap().success());
    let now = 1_738_674_000;

    println!("== Start to first frame on the demo repository (goal: 30 ms or less)");
    let first = measure("load the repository, replay the journal, draw 120x36", 50, || {
        let ws = Workspace::load(&dir);
        let m = gavel::tui::choose_meeting(&ws, None).unwrap();
        let app = App::new(&ws, m, now);
        let mut t = Terminal::new(TestBackend::new(120, 36)).unwrap();
        t.draw(|f| gavel::tui::view::draw(f, &app)).unwrap();
        black_box(t.backend().buffer().content.len());
    });

    println!("== One full frame, resolution view with all four proposals, 200x60 (goal: 2 ms or less)");
    let ws = Workspace::load(&dir);
    let m = gavel::tui::choose_meeting(&ws, None).unwrap();
    let mut app = App::new(&ws, m, now);
    app.update(Action::Focus(Pane::Resolution), now);
    assert_eq!(app.blocks.iter().filter(|b| b.is_changed()).count(), 9, "all four proposals in place");
    let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let frame = measure("draw the whole screen", 500, || {
        t.draw(|f| gavel::tui::view::draw(f, &app)).unwrap();
    });

    println!("== 50 proposals drafted on item 7: a frame, and the decision dialog listing them (goal: 2 ms or less)");
    let journal = Journal::path_for(&dir.join("agendas/sc78-wg-11-3/sc78-session.meeting.json"));
    let _ = std::fs::remove_file(&journal);
    let mut j = Journal::new(journal.clone());
    j.append(&Entry::new(now, Event::ItemTakenUp { item: "7".into() })).unwrap();
    let res = ws.resolution(&"Conf. 11.3".parse().unwrap()).unwrap().value.clone();
    let b23 = res
        .node(
            res.resolve(&"23 b)".parse().unwrap())
                .map(|t| match t {
                    gavel::resolution::resolve::Target::Node(i) => i,
                    _ => unreachable!(),
                })
                .unwrap(),
        )
        .text
        .clone();
    for k in 0..50 {
        let text = b23.replacen("six", &format!("{} ", k + 1), 1);
        let p = gavel::group::Proposal {
            id: format!("bench-{k}"),
            title: format!("Bench proposal {k}"),
            group: Some("sc78-wg-11-3".into()),
            proponents: vec!["Kenya".into()],
            supporters: vec![],
            source: None,
            revision: res.header.revision,
            status: gavel::group::Status::Pending,
            changes: vec![gavel::group::Change::Replace {
                target: "23 b)".parse().unwrap(),
                drafted_against: b23.clone(),
                text: text.clone(),
            }],
            amends: None,
            note: None,
        };
        let ev = Event::ProposalMade {
            item: "7".into(),
            proposal: p.id.clone(),
            proponents: p.proponents.clone(),
            supporters: vec![],
            target: "23 b)".into(),
            text,
            drafted_against: Some(b23.clone()),
            draft: Some(Box::new(p)),
        };
        j.append(&Entry::new(now + k, ev)).unwrap();
    }
    let mut busy = App::new(&ws, m, now);
    assert_eq!(busy.item_proposals().len(), 51, "50 drafts and the item's own proposal");
    let frame50 = measure("draw the whole screen, 50 proposals on the item", 300, || {
        t.draw(|f| gavel::tui::view::draw(f, &busy)).unwrap();
    });
    busy.update(Action::OpenDecide, now);
    let dialog = measure("draw the decision dialog listing 51 proposals", 300, || {
        t.draw(|f| gavel::tui::view::draw(f, &busy)).unwrap();
    });

    println!("== Replaying a journal of 5,000 events (goal: 50 ms or less)");
    let _ = std::fs::remove_file(&journal);
    let mut j = Journal::new(journal.clone());
    let members = ["Kenya", "Botswana", "Namibia", "TRAFFIC", "Brazil"];
    for k in 0..5000i64 {
        let item = ["2", "7", "8"][(k / 500 % 3) as usize].to_string();
        let m = members[(k % 5) as usize].to_string();
        let ev = match k % 5 {
            0 => Event::ItemTakenUp { item },
            1 => Event::SpeakerAdded { item, member: m, point_of_order: false },
            2 => Event::FloorGiven { item, member: m, seconds: 180 },
            3 => Event::Intervention {
                item,
                member: m,
                position: Position::Supports,
                summary: "noted the proposal".into(),
                proposed_text: None,
                target: None,
            },
            _ => Event::Attendance { session: "Working group session".into(), member: m, present: k % 2 == 0 },
        };
        j.append(&Entry::new(now + k, ev)).unwrap();
    }
    let group = ws.group("sc78-wg-11-3").map(|g| g.value.clone());
    let replay = measure("read the journal and replay it", 50, || {
        let (entries, _) = Journal::new(journal.clone()).read();
        black_box(Session::replay(&entries, group.as_ref()));
    });
    let _ = std::fs::remove_file(&journal);

    println!(
        "== The second screen: an event journaled to the screen's frame (goals: the frame 2 ms or less; the event shown within 0.5 s)"
    );
    let mut j = Journal::new(journal.clone());
    j.append(&Entry::new(now, Event::ItemTakenUp { item: "7".into() })).unwrap();
    let ws = Workspace::load(&dir);
    let m = gavel::tui::choose_meeting(&ws, None).unwrap();
    let room = App::new(&ws, m, now);
    let b23 = (0..room.blocks.len()).find(|&k| room.cite(k) == "paragraph 23 b)").expect("23 b)");
    j.append(&Entry::new(now, Event::OnScreen { item: "7".into(), provision: Some(room.blocks[b23].id.0.clone()) })).unwrap();
    let mut follower = gavel::tui::screen::Follower::new(&ws, m);
    let screen = follower.poll(now).unwrap().unwrap();
    assert_eq!(screen.on_screen(), Some(b23));
    let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let screen_frame = measure("draw the screen, 23 b) with its proposals, 200x60", 500, || {
        t.draw(|f| gavel::tui::screen::view::draw(f, Some(&screen))).unwrap();
    });
    let mut k = 0;
    let follow = measure("an event appended, noticed, the meeting read again, drawn", 50, || {
        k += 1;
        j.append(&Entry::new(now + k, Event::SpeakerAdded { item: "7".into(), member: "Kenya".into(), point_of_order: false })).unwrap();
        let app = follower.poll(now + k).expect("the journal changed").unwrap();
        t.draw(|f| gavel::tui::screen::view::draw(f, Some(&app))).unwrap();
    });
    // Noticed at the next poll, every 100 ms: at most that more.
    let follow_worst = follow + Duration::from_millis(100);
    let _ = std::fs::remove_file(&journal);

    println!("== Peak memory of the real binary during a session (goal: 30 MB or less)");
    let peak = session_peak_kb(&dir);
    match peak {
        Some(kb) => println!("   peak resident memory (VmHWM): {:.1} MB after 200 keystrokes", kb as f64 / 1024.0),
        None => println!("   tmux is not installed: peak memory not measured"),
    }
    let verdict = |ok: bool| if ok { "met" } else { "NOT MET" };
    println!("goal: first frame in 30 ms or less: {} (median {first:.3?})", verdict(first <= Duration::from_millis(30)));
    println!("goal: a frame in 2 ms or less: {} (median {frame:.3?})", verdict(frame <= Duration::from_millis(2)));
    println!("goal: a frame with 50 proposals in 2 ms or less: {} (median {frame50:.3?})", verdict(frame50 <= Duration::from_millis(2)));
    println!("goal: the decision dialog in 2 ms or less: {} (median {dialog:.3?})", verdict(dialog <= Duration::from_millis(2)));
    println!("goal: replay 5,000 events in 50 ms or less: {} (median {replay:.3?})", verdict(replay <= Duration::from_millis(50)));
    println!("goal: the screen's frame in 2 ms or less: {} (median {screen_frame:.3?})", verdict(screen_frame <= Duration::from_millis(2)));
    println!(
        "goal: an event on the screen within 0.5 s: {} (median {follow:.3?} to read and draw, {follow_worst:.3?} with the poll's 100 ms)",
        verdict(follow_worst <= Duration::from_millis(500))
    );
    if let Some(kb) = peak {
        println!("goal: 30 MB or less: {} ({:.1} MB)", verdict(kb <= 30 * 1024), kb as f64 / 1024.0);
    }
}

/// Runs the room in tmux, types through a session, and reads the process's peak memory.
fn session_peak_kb(dir: &std::path::Path) -> Option<u64> {
    let socket = format!("gavel-bench-{}", std::process::id());
    let tmux = |args: &[&str]| Command::new("tmux").arg("-L").arg(&socket).args(args).output().ok();
    let cmd = format!("cd {} && {} room; sleep 5", dir.display(), env!("CARGO_BIN_EXE_gavel"));
    tmux(&["new-session", "-d", "-s", "b", "-x", "200", "-y", "60", &cmd])?;
    std::thread::sleep(Duration::from_millis(800));
    let keys = ["j", "Enter", "a", "k", "e", "n", "Enter", "a", "b", "o", "t", "Enter", "Tab", "f", "3", "Down", "Down", "Up", "1", "j"];
    for _ in 0..10 {
        for k in keys {
            tmux(&["send-keys", "-t", "b", k]);
        }
    }
    std::thread::sleep(Duration::from_millis(800));
    let pid = std::fs::read_dir("/proc").ok()?.filter_map(|e| e.ok()).find_map(|e| {
        let cmd = std::fs::read(e.path().join("cmdline")).ok()?;
        let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
        (cmd.starts_with(env!("CARGO_BIN_EXE_gavel"))
            && cmd.contains("room")
            && std::fs::read_link(e.path().join("cwd")).ok()? == std::fs::canonicalize(dir).ok()?)
        .then(|| e.path())
    })?;
    let status = std::fs::read_to_string(pid.join("status")).ok()?;
    let kb = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok();
    tmux(&["send-keys", "-t", "b", "q"]);
    std::thread::sleep(Duration::from_millis(200));
    tmux(&["kill-server"]);
    kb
}
