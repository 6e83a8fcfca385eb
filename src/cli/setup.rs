//! `gavel init`, `gavel member add`, `gavel meeting new`, `gavel meeting item add`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{CliError, emit, open};
use crate::group::{AgendaItem, Category, ItemKind, Mandate, Member, Role, WorkingGroup};
use crate::ops::Context;
use crate::ops::setup::{self, NewMeeting, Placement};
use crate::store::Author;

impl From<crate::fresh::FreshError> for CliError {
    fn from(e: crate::fresh::FreshError) -> Self {
        CliError { code: e.exit_code(), message: e.to_string() }
    }
}

/// `gavel init`'s options.
#[derive(Debug, clap::Args)]
pub(super) struct InitArgs {
    /// The folder to make it in: new or empty (default: the current folder).
    dir: Option<PathBuf>,
    /// The working group's name (`Standing Committee working group on Resolution Conf. 12.3`).
    #[arg(long, value_name = "NAME")]
    group: Option<String>,
    /// The group's id: its folder under agendas/ (default: made from the folder's name).
    #[arg(long)]
    id: Option<String>,
    /// The body that established it.
    #[arg(long, default_value = "Standing Committee")]
    body: String,
    /// Where and when it was established (`SC78 (Geneva, 2025)`).
    #[arg(long)]
    established: Option<String>,
    /// A chair (repeat for co-Chairs): a Party, named as the Convention's list of Parties does.
    #[arg(long = "chair", value_name = "MEMBER")]
    chairs: Vec<String>,
    /// The mandate as the Decision reads: `Decision 20.12: <title>`, its text, lettered topics (README, Starting a group).
    #[arg(long, value_name = "FILE")]
    mandate_file: Option<PathBuf>,
    /// The author of the first commit: "Name <email>" (default: git's user.name and user.email).
    #[arg(long = "as", value_name = "NAME <EMAIL>")]
    author: Option<String>,
}

/// Who is asked when an option is missing: the person at the terminal, or nobody.
fn ask(question: &str) -> Result<Option<String>, CliError> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Ok(None);
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "{question}: ");
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| CliError::env(format!("cannot read the answer: {e}")))?;
    let line = line.trim().to_string();
    Ok((!line.is_empty()).then_some(line))
}

fn author(given: Option<&str>) -> Result<Option<Author>, CliError> {
    given.map(Author::parse).transpose().map_err(CliError::user)
}

/// A chair as a member: a Party (the Secretariat when it is named), co-Chair when there are several.
fn chair(name: &str, several: bool) -> Member {
    let secretariat = name.to_lowercase().contains("secretariat");
    let role = if secretariat {
        Role::Secretariat
    } else if several {
        Role::CoChair
    } else {
        Role::Chair
    };
    Member {
        name: name.trim().to_string(),
        short_name: None,
        category: if secretariat { Category::Secretariat } else { Category::Party },
        roles: vec![role],
        note: None,
    }
}

pub(super) fn init(a: InitArgs) -> Result<u8, CliError> {
    let dir = a.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if dir.is_dir() && std::fs::read_dir(&dir).map_err(|e| CliError::env(format!("{}: {e}", dir.display())))?.next().is_some() {
        return Err(CliError::user(format!(
            "{} is not empty; gavel init makes a repository only in a new or empty folder: name one (`gavel init wg-12-3`)",
            dir.display()
        )));
    }
    // Asked only when not given (`Option::or` would ask first).
    let name = match &a.group {
        Some(n) => n.clone(),
        None => ask("The working group's name")?.ok_or_else(|| CliError::user("the working group needs a name: give --group \"…\""))?,
    };
    let mut chairs = a.chairs.clone();
    if chairs.is_empty()
        && let Some(line) = ask("Its chair, or co-Chairs separated by commas")?
    {
        chairs = line.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    }
    if chairs.is_empty() {
        return Err(CliError::user("the working group needs a chair: give --chair \"Kenya\" (repeat it for co-Chairs)"));
    }
    let mandate_file = match &a.mandate_file {
        Some(f) => Some(f.clone()),
        None => ask("The mandate's file (Enter to write it later)")?.map(PathBuf::from),
    };
    let mandate = match &mandate_file {
        None => Mandate::unwritten(),
        Some(f) => {
            let text = crate::source::read_text(f).map_err(|d| CliError::user(d.to_string()))?;
            Mandate::from_text(&text)
                .map_err(|e| CliError::user(format!("{}:{}: {} (README, Starting a group)", f.display(), e.line, e.message)))?
        }
    };
    let id = match &a.id {
        Some(id) => id.clone(),
        None => {
            let folder = std::path::absolute(&dir).ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
            let s = setup::slug(&folder.unwrap_or_default());
            if s.is_empty() { "working-group".to_string() } else { s }
        }
    };
    let several = chairs.len() > 1;
    let group = WorkingGroup {
        name,
        body: a.body.clone(),
        established: a.established.clone(),
        source: None,
        resolutions: Vec::new(),
        mandate,
        members: chairs.iter().map(|c| chair(c, several)).collect(),
    };
    let (path, _) = setup::init(&dir, &id, &group, author(a.author.as_deref())?)?;
    let p = path.display();
    let mut said = format!(
        "Created the working-group repository of {} at {p}\n  agendas/{id}/group.json: {} member{}; one commit on main\n",
        group.name,
        group.members.len(),
        if group.members.len() == 1 { "" } else { "s" }
    );
    if !group.mandate.is_written() {
        said.push_str("  the mandate is still to be written: `gavel check` says so until it is (README, Starting a group)\n");
    }
    said.push_str(&format!(
        "\nNext:\n  cd {p}\n  gavel member add \"Canada\" --category party\n  gavel import resolution conf-12.3.docx --symbol \"Conf. 12.3\"\n  gavel meeting new sc79-session --title \"…\" --date 2026-03-02\n"
    ));
    emit(&said)?;
    Ok(0)
}

/// A category or role named as group.json names it (`party`, `co-chair`): the
/// model's own names, which `--help` and shell completion list.
fn named<T>(all: &'static [T]) -> impl clap::builder::TypedValueParser<Value = T>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
{
    use clap::builder::TypedValueParser;
    let names = all.iter().filter_map(|v| serde_json::to_value(v).ok()?.as_str().map(str::to_string));
    clap::builder::PossibleValuesParser::new(names.collect::<Vec<_>>())
        .try_map(|name| serde_json::from_value::<T>(serde_json::Value::String(name)))
}

/// `gavel member add`'s options.
#[derive(Debug, clap::Args)]
pub(super) struct MemberAdd {
    /// The member's name: a Party as the Convention's list names it, an organization's full name.
    name: String,
    /// What the member is: a Party, an Observer (an IGO, an NGO, an agency) or the Secretariat.
    #[arg(long, value_parser = named(&Category::ALL))]
    category: Category,
    /// A role in the group (repeat the option for several).
    #[arg(long = "role", value_name = "ROLE", value_parser = named(&Role::ALL))]
    roles: Vec<Role>,
    /// The abbreviation agendas and records use (`IUCN`).
    #[arg(long)]
    short_name: Option<String>,
    /// A note kept with the member in group.json.
    #[arg(long)]
    note: Option<String>,
    /// The group (its id; default: the repository's only group).
    #[arg(long)]
    group: Option<String>,
    /// Who records it: "Name <email>" (default: git's user.name and user.email).
    #[arg(long = "as", value_name = "NAME <EMAIL>")]
    author: Option<String>,
}

/// The group named, or the repository's only one.
fn group_id(ws: &crate::workspace::Workspace, asked: Option<&str>) -> Result<String, CliError> {
    if let Some(g) = asked {
        return Ok(g.to_string());
    }
    match ws.groups.as_slice() {
        [(id, _)] => Ok(id.clone()),
        [] => Err(CliError::user("this repository has no working group: `gavel init` makes one")),
        many => {
            let ids: Vec<&str> = many.iter().map(|(id, _)| id.as_str()).collect();
            Err(CliError::user(format!("name the group with --group: {}", ids.join(", "))))
        }
    }
}

/// What a committing command records with: who (`--as`, or git's user) and what it was doing.
pub(super) fn context(author_given: Option<&str>, doing: &str) -> Result<Context, CliError> {
    Ok(Context { author: author(author_given)?, doing: doing.into(), ..Context::default() })
}

/// What `gavel check` warns of in what was just written, on standard error.
fn warn_all(done: &setup::Done) {
    for w in &done.warnings {
        let _ = writeln!(std::io::stderr(), "gavel: {}", crate::safe::visible(w));
    }
}

pub(super) fn member_add(repo: Option<&Path>, a: MemberAdd) -> Result<u8, CliError> {
    let ws = open(repo)?;
    let group = group_id(&ws, a.group.as_deref())?;
    let (category, roles) = (a.category, a.roles.clone());
    if category == Category::Party && crate::group::countries::forms(&a.name).is_none() {
        super::warn(format!("`{}` is not a country's name in ISO 3166 as gavel knows it: check the spelling", a.name));
    }
    let member = Member { name: a.name.trim().to_string(), short_name: a.short_name.clone(), category, roles, note: a.note.clone() };
    let done = setup::add_member(&ws.root, &group, &member, &context(a.author.as_deref(), "gavel member add")?)?;
    warn_all(&done);
    emit(&format!("Added {} ({}) to {group}: commit {}\n", member.name, category.describe(), crate::store::short_id(done.commit)))?;
    Ok(0)
}

/// `gavel meeting new`'s options.
#[derive(Debug, clap::Args)]
pub(super) struct MeetingNew {
    /// The meeting's id (`sc79-session`): its file is agendas/<group>/<id>.meeting.json.
    id: String,
    #[arg(long)]
    title: String,
    /// Its (first) day: 2026-03-02.
    #[arg(long)]
    date: crate::group::Date,
    #[arg(long)]
    venue: Option<String>,
    /// The group (its id; default: the repository's only group).
    #[arg(long)]
    group: Option<String>,
    /// The session's title.
    #[arg(long, default_value = "Working group session")]
    session: String,
    /// When the session starts (HH:MM).
    #[arg(long, default_value = "09:00")]
    start: crate::group::TimeOfDay,
    /// When it ends (HH:MM).
    #[arg(long, default_value = "12:00")]
    end: crate::group::TimeOfDay,
    /// A closed session (Parties only; observers and the public do not attend).
    #[arg(long)]
    closed: bool,
    /// Who records it: "Name <email>" (default: git's user.name and user.email).
    #[arg(long = "as", value_name = "NAME <EMAIL>")]
    author: Option<String>,
}

pub(super) fn meeting_new(repo: Option<&Path>, a: MeetingNew) -> Result<u8, CliError> {
    let ws = open(repo)?;
    let group = group_id(&ws, a.group.as_deref())?;
    let session = crate::group::Session {
        title: a.session.clone(),
        start: a.start,
        end: a.end,
        access: if a.closed { crate::group::Access::Closed } else { crate::group::Access::Open },
        note: None,
        parallel: false,
        items: Vec::new(),
    };
    let m = NewMeeting::one_session(&a.id, &group, &a.title, setup::day(a.date, session), a.venue.clone());
    let done = setup::new_meeting(&ws.root, &m, &context(a.author.as_deref(), "gavel meeting new")?)?;
    warn_all(&done);
    emit(&format!(
        "Created meeting {} of {group} ({}, {}-{}): commit {}\nAdd its items: gavel meeting item add {} --title \"…\" --minutes 20\n",
        a.id,
        a.date,
        a.start,
        a.end,
        crate::store::short_id(done.commit),
        a.id
    ))?;
    Ok(0)
}

/// `gavel meeting item add`'s options.
#[derive(Debug, clap::Args)]
pub(super) struct ItemAdd {
    /// The meeting (its id).
    meeting: String,
    #[arg(long)]
    title: String,
    /// The item's id (default: the next number).
    #[arg(long)]
    id: Option<String>,
    /// Minutes allotted.
    #[arg(long)]
    minutes: Option<u32>,
    /// The mandate topic it takes up (`a)`).
    #[arg(long)]
    topic: Option<String>,
    /// Who presents it (repeat).
    #[arg(long = "presenter", value_name = "MEMBER")]
    presenters: Vec<String>,
    /// A document it takes up (repeat): `SC79 Doc. 12`.
    #[arg(long = "document", value_name = "SYMBOL")]
    documents: Vec<String>,
    /// A proposal it takes up, by id (repeat).
    #[arg(long = "proposal", value_name = "ID")]
    proposals: Vec<String>,
    /// A break, not an item to deliberate.
    #[arg(long = "break")]
    is_break: bool,
    /// The day (default: the meeting's last); the item goes at the end of its last session.
    #[arg(long)]
    day: Option<crate::group::Date>,
    /// A note on the item, shown with its documents in the room (`m`).
    #[arg(long)]
    note: Option<String>,
    /// Who records it: "Name <email>" (default: git's user.name and user.email).
    #[arg(long = "as", value_name = "NAME <EMAIL>")]
    author: Option<String>,
}

pub(super) fn item_add(repo: Option<&Path>, a: ItemAdd) -> Result<u8, CliError> {
    let ws = open(repo)?;
    let k = super::meeting(&ws, &a.meeting)?;
    let id = a.id.clone().unwrap_or_else(|| setup::next_item_id(&ws.meetings[k].meeting.value));
    let item = AgendaItem {
        id: id.clone(),
        title: a.title.clone(),
        kind: if a.is_break { ItemKind::Break } else { ItemKind::Item },
        start: None,
        end: None,
        minutes: a.minutes,
        topic: a.topic.clone(),
        presenters: a.presenters.clone(),
        documents: a.documents.clone(),
        proposals: a.proposals.clone(),
        note: a.note.clone(),
    };
    let ctx = Context { meeting: Some(a.meeting.clone()), ..context(a.author.as_deref(), "gavel meeting item add")? };
    let done = setup::add_item(&ws.root, &a.meeting, &item, &Placement { date: a.day }, &ctx)?;
    warn_all(&done);
    emit(&format!("Added item {id} ({}) to {}: commit {}\n", a.title, a.meeting, crate::store::short_id(done.commit)))?;
    Ok(0)
}
