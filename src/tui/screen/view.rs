//! The screen's one view, read from the back of a room: the item under
//! discussion; the provision on the screen with its sub-provisions, wrapped
//! inside wide margins, its proposals as tracked changes (underlined,
//! struck through: the meaning never rests on colour); and at the foot the
//! floor's countdown and who speaks next. No panes, borders or key hints
//! compete with the text.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::view::{block_rows, mmss, safe};

/// Draws the screen; with no meeting read yet, says it is waiting for one.
pub fn draw(f: &mut Frame, app: Option<&App>) {
    let area = f.area();
    // Margins of a twelfth of the width each side (at least one column).
    let margin = (area.width / 12).max(1);
    let inner = Rect { x: area.x + margin, width: area.width.saturating_sub(2 * margin), ..area };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let Some(app) = app else {
        f.render_widget(Paragraph::new("Waiting for the meeting…"), inner);
        return;
    };
    // The meeting, then the item under discussion in bold, each wrapped.
    let item = match app.current_item() {
        Some(i) => format!("Item {}: {}", i.id, i.title),
        None => "No item under discussion".to_string(),
    };
    let head_lines = vec![Line::from(app.meeting_title.clone()), Line::styled(item, bold)];
    let rows = |l: &Line| (l.width().max(1)).div_ceil(usize::from(inner.width.max(1))) as u16;
    let head_h = head_lines.iter().map(rows).sum::<u16>();
    let [head, _, body, foot] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Length(1), Constraint::Min(1), Constraint::Length(2)]).areas(inner);
    f.render_widget(Paragraph::new(safe(head_lines)).wrap(Wrap { trim: false }), head);
    if let Some(k) = app.on_screen() {
        let shown = app.with_subprovisions(k);
        let base = shown.first().map_or(0, |b| b.depth);
        let width = usize::from(body.width).max(10);
        let mut lines = vec![Line::styled(capitalized(&app.cite(k)), Style::default().add_modifier(Modifier::ITALIC)), Line::default()];
        for (n, b) in shown.iter().enumerate() {
            if n > 0 {
                lines.push(Line::default());
            }
            lines.extend(block_rows(b, app.color, width, 4 * (b.depth - base)));
        }
        f.render_widget(Paragraph::new(safe(lines)), body);
    }
    let floor = match app.floor() {
        Some((m, left)) if app.floor_paused() => format!("Floor: {m}  {} (paused)", mmss(left)),
        Some((m, left)) => format!("Floor: {m}  {}", mmss(left)),
        None => "Floor: open".to_string(),
    };
    let waiting = app.speakers();
    let next = if waiting.is_empty() { "No one waiting for the floor".to_string() } else { format!("Next: {}", waiting.join(", ")) };
    f.render_widget(Paragraph::new(safe(vec![Line::styled(floor, bold), Line::from(next)])), foot);
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
