//! The meeting room's popups: adding a speaker, the amendment editor, the
//! history, competing proposals, documents, help and problems.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::App;
use super::keys::KEYS;
use super::view::{safe, safe_line, spans, wrap};

/// A box in the middle of the screen, as tall as its lines once wrapped (a
/// wrapped line counted as one cut the box's last lines off: an item's note
/// under a long mandate topic was never seen).
pub(super) fn popup(f: &mut Frame, title: &str, body: Vec<Line<'static>>) {
    let inner = centered(f.area(), 70, 0).width.saturating_sub(2) as usize;
    let body: Vec<Line<'static>> =
        body.into_iter().flat_map(|l| wrap(l.spans, inner.max(1), 0).into_iter().map(move |w| w.style(l.style))).collect();
    let area = centered(f.area(), 70, body.len().min(u16::MAX as usize) as u16 + 2);
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(safe(body))
            .block(Block::default().borders(Borders::ALL).title(safe_line(format!(" {title} "))))
            .wrap(Wrap { trim: false }),
        area,
    );
}

pub(super) fn centered(area: Rect, width_pct: u16, height: u16) -> Rect {
    let w = (area.width * width_pct / 100).max(20).min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

pub(super) fn draw_add(f: &mut Frame, app: &App, query: &str, selected: usize, poo: bool, for_record: bool) {
    let matches = app.matches(query);
    let mut body = vec![Line::from(format!("{}Name: {query}_", if poo { "Point of order. " } else { "" }))];
    if for_record {
        body.insert(0, Line::from("Nobody has the floor: whose intervention is it?"));
    }
    let sel = selected.min(matches.len().saturating_sub(1));
    for (k, m) in matches.iter().take(8).enumerate() {
        let line = format!("{} {}  [{}]", if k == sel { "▶" } else { " " }, m.name, m.category.describe());
        body.push(Line::from(Span::styled(
            line,
            if k == sel { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() },
        )));
    }
    if matches.is_empty() {
        body.push(Line::from("no member matches"));
    }
    popup(f, "Add a speaker", body);
}

/// Every key, as much as fits, from `scroll` on; the title says how to see the rest.
pub(super) fn draw_help(f: &mut Frame, scroll: u16) {
    let area = centered(f.area(), 90, f.area().height);
    let inner = area.height.saturating_sub(2) as usize;
    let body: Vec<Line> = KEYS
        .iter()
        .map(|(k, d)| Line::from(vec![Span::styled(format!("{k:>12}  "), Style::default().add_modifier(Modifier::BOLD)), Span::raw(*d)]))
        .collect();
    let rows: usize = body.iter().map(|l| l.width().div_ceil(area.width.saturating_sub(2).max(1) as usize).max(1)).sum();
    let title = if rows > inner { " Keys (↑ ↓ scroll, Esc closes) " } else { " Keys (Esc closes) " };
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(safe(body))
            .block(Block::default().borders(Borders::ALL).title(safe_line(title)))
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(rows.saturating_sub(inner) as u16), 0)),
        area,
    );
}

pub(super) fn draw_errors(f: &mut Frame, app: &App) {
    let area = f.area();
    let problems = app.problems();
    let h = (problems.len() as u16 + 2).clamp(3, area.height / 2);
    let rect = Rect { x: area.x, y: area.y + area.height.saturating_sub(h + 1), width: area.width, height: h };
    let body: Vec<Line> =
        if problems.is_empty() { vec![Line::from("No problems.")] } else { problems.into_iter().map(Line::from).collect() };
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(safe(body))
            .block(Block::default().borders(Borders::ALL).title(safe_line(" Problems (e to hide) ")))
            .wrap(Wrap { trim: false }),
        rect,
    );
}
pub(super) fn draw_editor(f: &mut Frame, app: &App, names: bool, supporting: bool, query: &str, discard: bool) {
    let Some(e) = app.editor.as_ref() else { return };
    let outer = centered(f.area(), 90, f.area().height.saturating_sub(2));
    f.render_widget(Clear, outer);
    let block = Block::default().borders(Borders::ALL).title(safe_line(format!(" Amend {} ", e.address.describe())));
    let inner = block.inner(outer);
    f.render_widget(block, outer);
    let [edit, preview, who, help] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Min(3), Constraint::Length(2), Constraint::Length(1)]).areas(inner);
    let mut area = e.area.clone();
    area.set_block(Block::default().borders(Borders::ALL).title(safe_line(if names { " Text " } else { " Text (editing) " })));
    f.render_widget(&area, edit);
    let d = crate::redline::diff_words(&e.base, &e.text(), None);
    let lines = wrap(spans(&d.pieces, app.color), preview.width.saturating_sub(2).max(10) as usize, 0);
    f.render_widget(
        Paragraph::new(safe(lines)).block(Block::default().borders(Borders::ALL).title(safe_line(" As tracked changes "))),
        preview,
    );
    let mut names_line = format!("Proposed by: {}", if e.proponents.is_empty() { "(no one yet)".into() } else { e.proponents.join(", ") });
    if !e.supporters.is_empty() {
        names_line.push_str(&format!("; supported by {}", e.supporters.join(", ")));
    }
    if names {
        let first = app.matches(query).first().map(|m| m.name.clone()).unwrap_or_else(|| "no member matches".into());
        let role = if supporting { "supporter" } else { "proponent" };
        names_line.push_str(&format!("   {role}: {query}_ → {first}"));
    }
    f.render_widget(Paragraph::new(safe(names_line)).wrap(Wrap { trim: false }), who);
    let keys = if discard {
        "Discard this draft? y discards it · any other key goes back to it"
    } else {
        "Ctrl-S save · Tab text/proponents/supporters · Ctrl-B [not agreed] · Ctrl-Z undo · Ctrl-Y paste · Esc cancel"
    };
    let style = if discard { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default().add_modifier(Modifier::DIM) };
    f.render_widget(Paragraph::new(safe(Span::styled(keys, style))), help);
}

pub(super) fn draw_history(f: &mut Frame, app: &App, title: &str, steps: &[(String, Vec<crate::redline::Piece>)]) {
    let area = centered(f.area(), 90, f.area().height.saturating_sub(2));
    let w = area.width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    for (head, pieces) in steps {
        lines.push(Line::from(Span::styled(head.clone(), Style::default().add_modifier(Modifier::BOLD))));
        lines.extend(wrap(spans(pieces, app.color), w, 2));
        lines.push(Line::from(""));
    }
    if steps.is_empty() {
        lines.push(Line::from("No commit changed it."));
    }
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(safe(lines)).block(Block::default().borders(Borders::ALL).title(safe_line(format!(" {title}, newest first ")))),
        area,
    );
}

pub(super) fn draw_competing(f: &mut Frame, app: &App, title: &str, columns: &[(String, Vec<crate::redline::Piece>)]) {
    let area = centered(f.area(), 95, f.area().height.saturating_sub(2));
    f.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(safe_line(format!(" {title} ")));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let cols = Layout::horizontal(vec![Constraint::Ratio(1, columns.len().max(1) as u32); columns.len()]).split(inner);
    for (k, (name, pieces)) in columns.iter().enumerate() {
        let w = cols[k].width.saturating_sub(2) as usize;
        let p = Paragraph::new(safe(wrap(spans(pieces, app.color), w.max(10), 0)))
            .block(Block::default().borders(Borders::ALL).title(safe_line(format!(" {name} "))));
        f.render_widget(p, cols[k]);
    }
}

pub(super) fn draw_documents(f: &mut Frame, app: &App) {
    let mut body = Vec::new();
    let item = app.current_item().or_else(|| app.items.get(app.agenda_selected));
    if let Some(i) = item {
        body.push(Line::from(Span::styled(format!("Item {}: {}", i.id, i.title), Style::default().add_modifier(Modifier::BOLD))));
        if let (Some(t), Some(g)) = (&i.topic, &app.group) {
            let m = &g.mandate;
            body.push(Line::from(format!("Decision {} ({}), topic {t}:", m.decision, m.title)));
            if let Some(topic) = m.topics.iter().find(|x| &x.label == t) {
                body.push(Line::from(format!("  {} {}", topic.label, topic.text)));
            }
        }
        for d in &i.documents {
            body.push(Line::from(format!("Document: {d}")));
        }
        for p in &i.proposals {
            let title =
                app.proposals.iter().find(|x| &x.id == p).map(|x| format!("{} ({})", x.title, x.proponents.join(", "))).unwrap_or_default();
            body.push(Line::from(format!("Proposal {p}: {title}")));
        }
        if !i.presenters.is_empty() {
            body.push(Line::from(format!("Presenters: {}", i.presenters.join(", "))));
        }
        if let Some(n) = &i.note {
            body.push(Line::from(format!("Note: {n}")));
        }
    }
    if body.is_empty() {
        body.push(Line::from("No item."));
    }
    popup(f, "Documents and mandate (m to close)", body);
}

pub(super) fn draw_minutes(f: &mut Frame, text: &str, scroll: u16) {
    let area = centered(f.area(), 90, f.area().height.saturating_sub(2));
    f.render_widget(Clear, area);
    let p = Paragraph::new(safe(text.to_string()))
        .block(Block::default().borders(Borders::ALL).title(safe_line(" Summary record so far (↑ ↓ scroll, s or Esc to close) ")))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    f.render_widget(p, area);
}

pub(super) fn draw_attendance(f: &mut Frame, app: &App, session: &str, query: &str, selected: usize) {
    let listed = app.attendance_list(query);
    let present = app.present_now(session);
    let all = app.group.as_ref().map_or(0, |g| g.members.len());
    let sel = selected.min(listed.len().saturating_sub(1));
    let area = centered(f.area(), 70, f.area().height.saturating_sub(2));
    let visible = area.height.saturating_sub(4) as usize;
    let first = sel.saturating_sub(visible / 2);
    let mut body = vec![
        Line::from(format!("{} of {all} present · Find: {query}_", present.len())),
        Line::from("space marks · Ctrl-A all present · Ctrl-P all Parties present · Esc closes"),
    ];
    for (k, name) in listed.iter().enumerate().skip(first).take(visible) {
        let m = app.group.as_ref().and_then(|g| g.member(name));
        let marked = app.session.present.get(session).is_some_and(|p| p.contains(name));
        let mark = match (present.contains(name), marked) {
            (true, true) => "[x]",
            // Present because they took the floor.
            (true, false) => "[s]",
            _ => "[ ]",
        };
        let line = format!("{mark} {name}  [{}]", m.map_or("", |m| m.category.describe()));
        body.push(Line::from(Span::styled(
            line,
            if k == sel { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() },
        )));
    }
    if listed.is_empty() {
        body.push(Line::from("no member matches"));
    }
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(safe(body)).block(Block::default().borders(Borders::ALL).title(safe_line(format!(" Attendance: {session} ")))),
        area,
    );
}

#[allow(clippy::too_many_arguments)]
pub(super) fn draw_decide(
    f: &mut Frame,
    app: &App,
    outcome: crate::journal::Outcome,
    text: &str,
    choices: &[super::app::Choice],
    cursor: usize,
    typing: bool,
    correcting: bool,
) {
    use crate::journal::Outcome;
    let area = centered(f.area(), 90, f.area().height.saturating_sub(2));
    let title = if correcting { "Change the decision on the current item" } else { "Decision on the current item" };
    let frame = Block::default().borders(Borders::ALL).title(safe_line(format!(" {title} ")));
    let inner = frame.inner(area);
    f.render_widget(Clear, area);
    f.render_widget(frame, area);
    let w = inner.width as usize;
    let adopting = matches!(outcome, Outcome::Agreed | Outcome::AgreedAsAmended);
    let mut head = vec![Line::from(format!("Outcome (Tab): {}", outcome.describe()))];
    if adopting {
        head.push(Line::from(if choices.is_empty() {
            "No pending proposal on this item: the decision adopts no text.".to_string()
        } else {
            "It adopts (↑ ↓ move, space chooses; one per provision, the others are superseded):".to_string()
        }));
    }
    // The list scrolls so that the chosen row is always in sight.
    let mut list = Vec::new();
    let mut at = 0;
    for (k, c) in choices.iter().enumerate().filter(|_| adopting) {
        if k == cursor {
            at = list.len();
        }
        let mark = if c.chosen { "[x]" } else { "[ ]" };
        let warn = if c.brackets.is_some() { "  (has [brackets]: not agreed)" } else { "" };
        let style = if k == cursor && !typing { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() };
        list.push(Line::from(Span::styled(format!("{mark} {}{warn}", c.label), style)));
        let mut preview = wrap(spans(&c.preview, app.color), w.saturating_sub(4).max(10), 4);
        preview.truncate(2);
        list.extend(preview);
    }
    let foot = vec![
        Line::from(format!("Text: {text}{}", if typing { "_" } else { "" })),
        Line::from(match (typing, outcome) {
            (false, _) => "Enter: type the decision's text · Esc cancels",
            (true, Outcome::AgreedAsAmended) if !correcting => {
                "Enter: amend the chosen proposal in the editor, then Ctrl-S adopts it · Esc back"
            }
            (true, _) => "Enter records the decision (then each chosen proposal is committed) · Esc back",
        }),
    ];
    let head_h = head.iter().map(|l| l.width().div_ceil(w.max(1)).max(1)).sum::<usize>() as u16;
    let [top, middle, bottom] = Layout::vertical([Constraint::Length(head_h), Constraint::Min(1), Constraint::Length(4)]).areas(inner);
    f.render_widget(Paragraph::new(safe(head)).wrap(Wrap { trim: false }), top);
    let visible = middle.height as usize;
    let scroll = (at + 3).saturating_sub(visible) as u16;
    f.render_widget(Paragraph::new(safe(list)).scroll((scroll, 0)), middle);
    f.render_widget(Paragraph::new(safe(foot)).wrap(Wrap { trim: false }), bottom);
}

pub(super) fn draw_corrections(f: &mut Frame, app: &App, selected: usize) {
    let list = app.correctable();
    let mut body = Vec::new();
    if list.is_empty() {
        body.push(Line::from("Nothing is recorded on this item yet."));
    }
    for (k, e) in list.iter().enumerate() {
        let style = if k == selected { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() };
        body.push(Line::from(Span::styled(super::correct::describe(e), style)));
    }
    body.push(Line::from(""));
    body.push(Line::from("Enter corrects · x strikes (asks why) · Esc closes"));
    popup(f, "Correct the record of this item", body);
}

/// The current item's pending proposals, to withdraw or reject one.
pub(super) fn draw_proposals(f: &mut Frame, app: &App, selected: usize) {
    let listed = app.item_proposals();
    let mut body =
        vec![Line::from("w withdraws the selected proposal (at its proponents' request), x rejects it; Esc closes"), Line::from("")];
    for (k, p) in listed.iter().enumerate() {
        let line = format!("{} {}  {}  (by {})", if k == selected { "▶" } else { " " }, p.id, p.title, p.proponents.join(", "));
        body.push(Line::from(Span::styled(
            line,
            if k == selected { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() },
        )));
    }
    if listed.is_empty() {
        body.push(Line::from("The item has no pending proposal."));
    }
    popup(f, "Pending proposals of the item", body);
}
