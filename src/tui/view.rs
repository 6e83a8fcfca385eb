//! Drawing the meeting room from its state. Nothing here changes the state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};

use super::app::{App, Mode, Pane};
use super::popups::{
    draw_add, draw_attendance, draw_competing, draw_documents, draw_editor, draw_errors, draw_help, draw_history, draw_minutes, popup,
};
use crate::journal::{ItemStatus, Outcome, Position};
use crate::redline::PieceKind;
use crate::redline::doc::Status;
use crate::render::tracked::line_pieces;

/// The screen's panes, for drawing and for mouse clicks.
pub struct Areas {
    pub agenda: Rect,
    pub speakers: Rect,
    pub resolution: Rect,
    pub status: Rect,
}

pub fn areas(area: Rect) -> Areas {
    let [main, status] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let [left, right] = Layout::horizontal([Constraint::Percentage(38), Constraint::Percentage(62)]).areas(main);
    let [speakers, resolution] = Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(right);
    Areas { agenda: left, speakers, resolution, status }
}

pub(super) fn mmss(secs: i64) -> String {
    let s = secs.abs();
    format!("{}{:02}:{:02}", if secs < 0 { "-" } else { "" }, s / 60, s % 60)
}

fn pane(title: String, focused: bool) -> Block<'static> {
    let style = if focused { Style::default().add_modifier(Modifier::BOLD) } else { Style::default() };
    Block::default().borders(Borders::ALL).title(safe_line(Span::styled(title, style)))
}

/// Draws the whole screen.
/// The smallest terminal the room can be used in.
pub const MIN_SIZE: (u16, u16) = (60, 16);

pub fn draw(f: &mut Frame, app: &App) {
    let (w, h) = (f.area().width, f.area().height);
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
        let say = format!(
            "The room needs a terminal of at least {}×{}; this one is {w}×{h}. Enlarge it, or make the font smaller.",
            MIN_SIZE.0, MIN_SIZE.1
        );
        f.render_widget(Paragraph::new(say).wrap(ratatui::widgets::Wrap { trim: true }), f.area());
        return;
    }
    let a = areas(f.area());
    draw_agenda(f, app, a.agenda);
    draw_speakers(f, app, a.speakers);
    draw_resolution(f, app, a.resolution);
    draw_status(f, app, a.status);
    match &app.mode {
        Mode::Help { scroll } => draw_help(f, *scroll),
        Mode::AddSpeaker { query, selected, point_of_order, for_record } => {
            draw_add(f, app, query, *selected, *point_of_order, *for_record)
        }
        Mode::Record { member, summary, position, correcting } => {
            let title =
                if correcting.is_some() { format!("Correct the intervention by {member}") } else { format!("Intervention by {member}") };
            let body = vec![
                Line::from(format!("Position (Tab): {}", Position::ALL[*position].describe())),
                Line::from(format!("Summary: {summary}_")),
                Line::from(""),
                Line::from("Enter records it in the journal; Ctrl-E writes the summary in $EDITOR; Esc cancels."),
                Line::from("(proposes text: Enter, then draft the proposal on the selected provision)"),
            ];
            popup(f, &title, body);
        }
        Mode::Decide { outcome, text, choices, cursor, typing, correcting, vote } => {
            super::popups::draw_decide(f, app, Outcome::ALL[*outcome], text, choices, *cursor, *typing, correcting.is_some());
            if let Some(v) = vote {
                let said =
                    format!(" By vote: {} in favour, {} against, {} abstaining (Ctrl-V changes it) ", v.in_favour, v.against, v.abstaining);
                f.render_widget(Clear, a.status);
                f.render_widget(Paragraph::new(safe(Span::styled(said, Style::default().add_modifier(Modifier::REVERSED)))), a.status);
            }
        }
        Mode::Vote { counts, roll_call, ballots, cursor, .. } => {
            let mut body = vec![
                Line::from(if *roll_call {
                    "Roll-call (Tab: counts instead): y in favour, n against, a abstaining; Enter keeps it, Esc goes back"
                } else {
                    "Counts (Tab: roll-call instead): in favour, against, abstaining; Enter keeps it, Esc goes back"
                }),
                Line::from(""),
            ];
            if *roll_call {
                let first = cursor.saturating_sub(8);
                for (k, (m, b)) in ballots.iter().enumerate().skip(first).take(16) {
                    let said = match b {
                        Some(crate::journal::Ballot::InFavour) => "in favour",
                        Some(crate::journal::Ballot::Against) => "against",
                        Some(crate::journal::Ballot::Abstaining) => "abstaining",
                        None => "",
                    };
                    let style = if k == *cursor { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() };
                    body.push(Line::from(Span::styled(format!("{m:<40} {said}"), style)));
                }
            } else {
                body.push(Line::from(format!("Votes: {counts}_")));
            }
            popup(f, "The vote", body);
        }
        Mode::Corrections { selected } => super::popups::draw_corrections(f, app, *selected),
        Mode::Strike { reason, .. } => {
            let body = vec![
                Line::from(format!("Reason: {reason}_")),
                Line::from(""),
                Line::from("Enter strikes the entry (a correction in the journal; a committed decision is taken back by a new commit)."),
                Line::from("Esc goes back."),
            ];
            popup(f, "Strike from the record", body);
        }
        Mode::Documents => draw_documents(f, app),
        Mode::Minutes { text, scroll } => draw_minutes(f, text, *scroll),
        Mode::Attendance { session, query, selected } => draw_attendance(f, app, session, query, *selected),
        Mode::Edit { names, supporting, query, discard } => draw_editor(f, app, *names, *supporting, query, *discard),
        Mode::History { title, steps } => draw_history(f, app, title, steps),
        Mode::Competing { title, columns } => draw_competing(f, app, title, columns),
        Mode::Proposals { selected } => super::popups::draw_proposals(f, app, *selected),
        Mode::Dropping { proposal, status, reason } => popup(
            f,
            &format!("Proposal {proposal} {}", status.as_str()),
            vec![
                Line::from(format!("Reason (optional): {reason}_")),
                Line::from(""),
                Line::from("Enter records it in the journal and commits the proposals file; Esc goes back."),
            ],
        ),
        Mode::AddItem { title } => popup(
            f,
            "Add an agenda item",
            vec![Line::from(format!("Title: {title}_")), Line::from(""), Line::from("Enter adds it after the selected item; Esc cancels.")],
        ),
        Mode::Leave { current, .. } => popup(
            f,
            "Leave the item without a decision",
            vec![Line::from(format!("Item {current} has no decision. p: back to pending · s: suspended, to be resumed · Esc: stay on it"))],
        ),
        Mode::AddToClosed { member } => popup(
            f,
            "The list of speakers is closed",
            vec![Line::from(format!("Add {member} anyway? y adds them at the end · n (or Esc) does not"))],
        ),
        Mode::Find { query, search } => {
            let ask = if *search { "Search the text" } else { "Go to (23 b), preamble 5, IX …)" };
            let text = format!(" {ask}: {query}_   Enter: go · Esc: cancel");
            f.render_widget(Clear, a.status);
            f.render_widget(Paragraph::new(safe(Span::styled(text, Style::default().add_modifier(Modifier::REVERSED)))), a.status);
        }
        Mode::Normal => {}
    }
    if app.show_errors {
        draw_errors(f, app);
    }
}

fn draw_agenda(f: &mut Frame, app: &App, area: Rect) {
    let items: Vec<ListItem> = app
        .items
        .iter()
        .map(|i| {
            let status = app.item_status(&i.id);
            let mark = match status {
                ItemStatus::Pending => " ",
                ItemStatus::UnderDiscussion => "▶",
                ItemStatus::Suspended => "‖",
                ItemStatus::Concluded => "✓",
                ItemStatus::Deferred => "»",
                ItemStatus::Committing => "…",
                ItemStatus::NotCommitted => "✗",
            };
            let used = app.session.used(&i.id, app.now) / 60;
            let allotted = i.allotted_minutes().map(|m| format!("{used}/{m}′")).unwrap_or_else(|| format!("{used}′"));
            let mut style = Style::default();
            if app.session.current.as_deref() == Some(i.id.as_str()) {
                style = style.add_modifier(Modifier::BOLD);
            }
            ListItem::new(safe(Line::from(vec![
                Span::raw(format!("{mark} {:>2}. ", i.id)),
                Span::styled(i.title.clone(), style),
                Span::raw(format!("  {allotted}")),
            ])))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(app.agenda_selected));
    let list = List::new(items)
        .block(pane(format!(" Agenda: {} ", app.meeting_id), app.focus == Pane::Agenda))
        .highlight_style(Style::default().add_modifier(Modifier::REVERSED));
    f.render_stateful_widget(list, area, &mut state);
}

fn draw_speakers(f: &mut Frame, app: &App, area: Rect) {
    let mut lines: Vec<ListItem> = Vec::new();
    if let Some((m, left)) = app.floor() {
        let mut style = Style::default().add_modifier(Modifier::BOLD);
        if left <= 30 {
            style = style.add_modifier(Modifier::REVERSED);
            if app.color {
                style = style.fg(Color::Yellow);
            }
        }
        let warn = if app.floor_paused() {
            "  paused (space resumes)"
        } else if left < 0 {
            "  over time!"
        } else if left <= 30 {
            "  ending"
        } else {
            ""
        };
        lines.push(ListItem::new(safe(Line::from(Span::styled(format!("Floor: {m}  {}{warn}", mmss(left)), style)))));
    }
    let st = app.session.current.as_ref().and_then(|c| app.session.item(c));
    for (k, s) in st.map(|s| s.speakers.clone()).unwrap_or_default().iter().enumerate() {
        let category = app.group.as_ref().and_then(|g| g.member(&s.member)).map(|m| m.category.describe()).unwrap_or("");
        let poo = if s.point_of_order { "  (point of order)" } else { "" };
        lines.push(ListItem::new(safe(format!("{:>2}. {}  [{category}]{poo}", k + 1, s.member))));
    }
    if lines.is_empty() {
        lines.push(ListItem::new(safe(if app.session.current.is_some() {
            "No one has asked for the floor. a: add a speaker"
        } else {
            "Take up an agenda item first (Enter on it)."
        })));
    }
    let offset = usize::from(app.floor().is_some());
    let mut state = ListState::default().with_selected(Some(app.speaker_selected + offset).filter(|_| app.focus == Pane::Speakers));
    let order = if app.session.parties_first { "Parties first" } else { "in order asked" };
    let closed = if app.list_closed() { "LIST CLOSED, " } else { "" };
    let title = format!(" Speakers ({closed}{order}, {} each) ", mmss(i64::from(app.session.speaking_time)));
    let list =
        List::new(lines).block(pane(title, app.focus == Pane::Speakers)).highlight_style(Style::default().add_modifier(Modifier::REVERSED));
    f.render_stateful_widget(list, area, &mut state);
}

/// The style of a piece: new text underlined, deleted text struck through;
/// colour only adds to that.
pub fn piece_style(kind: PieceKind, color: bool) -> Style {
    match kind {
        PieceKind::Same => Style::default(),
        PieceKind::Del => {
            let s = Style::default().add_modifier(Modifier::CROSSED_OUT);
            if color { s.fg(Color::Red) } else { s }
        }
        PieceKind::Ins => {
            let s = Style::default().add_modifier(Modifier::UNDERLINED);
            if color { s.fg(Color::Green) } else { s }
        }
    }
}

/// Text with the control characters of its data shown, not obeyed
/// (ratatui would drop them silently, and pass bidi overrides through).
/// Every widget's text goes through this.
pub(super) fn safe<'a>(t: impl Into<Text<'a>>) -> Text<'a> {
    let mut t: Text<'a> = t.into();
    for line in &mut t.lines {
        *line = safe_line(std::mem::take(line));
    }
    t
}

/// A line (a pane's title) with its data's control characters shown.
pub(super) fn safe_line<'a>(l: impl Into<Line<'a>>) -> Line<'a> {
    let mut l: Line<'a> = l.into();
    for span in &mut l.spans {
        if let std::borrow::Cow::Owned(v) = crate::safe::visible(&span.content) {
            span.content = v.into();
        }
    }
    l
}

pub(super) fn spans(pieces: &[crate::redline::Piece], color: bool) -> Vec<Span<'static>> {
    pieces.iter().map(|p| Span::styled(p.text.clone(), piece_style(p.kind, color))).collect()
}

/// Word-wraps styled text to `width` columns (display width, so wide
/// characters keep columns aligned), indenting every line.
pub fn wrap(content: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let pad = || Span::raw(" ".repeat(indent));
    let mut lines = Vec::new();
    let mut cur = vec![pad()];
    let mut w = indent;
    for span in content {
        let text = crate::safe::visible(&span.content).into_owned();
        for word in text.split_inclusive(' ') {
            let piece = Span::styled(word.to_string(), span.style);
            let pw = piece.width();
            if w + pw > width && w > indent {
                lines.push(Line::from(std::mem::replace(&mut cur, vec![pad()])));
                w = indent;
            }
            cur.push(piece);
            w += pw;
        }
    }
    lines.push(Line::from(cur));
    lines
}

/// The resolution with the current item's proposals in place, one entry a
/// provision, each wrapped to `width`.
pub fn resolution_rows(app: &App, width: usize) -> Vec<Vec<Line<'static>>> {
    app.blocks.iter().map(|b| block_rows(b, app.color, width, 4 * b.depth)).collect()
}

/// A provision with its changes marked, wrapped to `width` and indented.
pub(super) fn block_rows(b: &crate::redline::doc::Block, color: bool, width: usize, indent: usize) -> Vec<Line<'static>> {
    let mut content = spans(&line_pieces(b), color);
    if b.status == Status::Moved {
        content.push(Span::raw("  (moved here)"));
    }
    wrap(content, width, indent)
}

fn draw_resolution(f: &mut Frame, app: &App, area: Rect) {
    let name = app.resolution.as_ref().map(|r| r.display_name()).unwrap_or_else(|| "no resolution".into());
    let inner_w = area.width.saturating_sub(2) as usize;
    let rows = resolution_rows(app, inner_w.max(10));
    let sel = app.resolution_selected.min(rows.len().saturating_sub(1));
    let focused = app.focus == Pane::Resolution;
    let mut lines: Vec<Line> = Vec::new();
    let mut start = 0;
    for (k, row) in rows.into_iter().enumerate() {
        if k == sel {
            start = lines.len();
        }
        for mut l in row {
            if k == sel && focused {
                l = l.style(Style::default().add_modifier(Modifier::BOLD));
            }
            lines.push(l);
        }
    }
    let visible = area.height.saturating_sub(2) as usize;
    let scroll = start.saturating_sub(visible / 3);
    let screen = app.on_screen().map(|k| format!("; on the screen: {}", app.cite(k))).unwrap_or_default();
    let p = Paragraph::new(safe(lines))
        .block(pane(format!(" {name}: proposals in place{screen} (E amend, h history, c compare, S screen) "), focused))
        .scroll((scroll as u16, 0));
    f.render_widget(p, area);
}

fn draw_status(f: &mut Frame, app: &App, area: Rect) {
    let item = app.current_item().map(|i| format!("Item {}: {}", i.id, i.title)).unwrap_or_else(|| "no item taken up".into());
    let floor = app.floor().map(|(m, left)| format!("  │  Floor: {m} {}", mmss(left))).unwrap_or_default();
    let n = app.errors.len() + app.not_committed.len();
    let errors = if n == 0 { String::new() } else { format!("  │  {n} problem(s): e") };
    let notice = app.fresh_notice().map(|n| format!("  │  {n}")).unwrap_or_default();
    let mut git = String::new();
    if let Some(cur) = app.session.current.as_deref() {
        if app.item_status(cur) == ItemStatus::NotCommitted {
            git.push_str("  │  ✗ decision NOT in git: R tries again");
        }
        let unsaved = app.unsaved_drafts(cur).len();
        if unsaved > 0 {
            git.push_str(&format!("  │  ✗ {unsaved} proposal(s) NOT in git: R"));
        }
    }
    let ro = if app.read_only.is_some() { "  │  READ-ONLY: open in another room" } else { "" };
    let text = format!(" {}{ro}  │  {item}{floor}{git}{errors}{notice}  │  ?: help", app.meeting_id);
    f.render_widget(Paragraph::new(safe(Span::styled(text, Style::default().add_modifier(Modifier::REVERSED)))), area);
}
