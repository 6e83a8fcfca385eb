//! Broken and hostile input, class by class, against a demo repository: each
//! case asserts the exit status, a message (located where there is a place
//! to name), that nothing partial was written, and that gavel never panics.

mod common;

use std::path::Path;

use common::demo::Demo;

const PROPOSALS: &str = "resolutions/conf-11.3.proposals.json";
const RES: &str = "resolutions/conf-11.3.txt";
const GROUP: &str = "agendas/sc78-wg-11-3/group.json";
const MEETING: &str = "agendas/sc78-wg-11-3/sc78-session.meeting.json";
const JOURNAL: &str = "agendas/sc78-wg-11-3/sc78-session.journal.jsonl";

struct Case {
    name: &'static str,
    setup: fn(&Demo),
    args: &'static [&'static str],
    code: i32,
    says: &'static [&'static str],
}

fn read(d: &Demo, rel: &str) -> String {
    std::fs::read_to_string(d.dir.join(rel)).unwrap()
}

fn write(d: &Demo, rel: &str, text: impl AsRef<[u8]>) {
    std::fs::write(d.dir.join(rel), text).unwrap();
}

fn edit(d: &Demo, rel: &str, old: &str, new: &str) {
    let t = read(d, rel);
    assert!(t.contains(old), "{rel} has `{old}`");
    write(d, rel, t.replacen(old, new, 1));
}

fn truncate(d: &Demo, rel: &str, n: usize) {
    let t = read(d, rel);
    write(d, rel, &t[..n]);
}

fn deep(d: &Demo, rel: &str) {
    edit(d, rel, "{", &format!("{{\"deep\": {}{}, ", "[".repeat(50_000), "]".repeat(50_000)));
}

fn journal(d: &Demo, text: &str) {
    write(d, JOURNAL, text);
}

const TAKEN_UP: &str = "{\"at\":1,\"event\":\"item-taken-up\",\"item\":\"7\"}\n";
const SPOKE: &str = "{\"at\":2,\"event\":\"intervention\",\"item\":\"7\",\"member\":\"Kenya\",\"position\":\"general\",\"summary\":\"introduced it\",\"proposed_text\":null,\"target\":null}\n";

fn nothing(_: &Demo) {}

const CASES: &[Case] = &[
    // A file a command needs is broken: the command stops, located, status 1.
    Case {
        name: "truncated proposals: diff",
        setup: |d| truncate(d, PROPOSALS, 3000),
        args: &["diff", "11.3"],
        code: 1,
        says: &[PROPOSALS, "cannot be used", "--keep-going"],
    },
    Case {
        name: "truncated proposals: annex to a file",
        setup: |d| truncate(d, PROPOSALS, 3000),
        args: &["annex", "11.3", "-o", "out.docx"],
        code: 1,
        says: &[PROPOSALS],
    },
    Case {
        name: "truncated proposals: proposals",
        setup: |d| truncate(d, PROPOSALS, 3000),
        args: &["proposals", "11.3"],
        code: 1,
        says: &[PROPOSALS],
    },
    Case {
        name: "truncated proposals: report",
        setup: |d| truncate(d, PROPOSALS, 3000),
        args: &["report", "sc78-session", "-o", "out.md"],
        code: 1,
        says: &[PROPOSALS],
    },
    Case {
        name: "truncated proposals: adopt",
        setup: |d| truncate(d, PROPOSALS, 3000),
        args: &["adopt", "11.3", "23 b)"],
        code: 1,
        says: &[PROPOSALS],
    },
    Case {
        name: "broken meeting: minutes",
        setup: |d| truncate(d, MEETING, 400),
        args: &["minutes", "sc78-session"],
        code: 1,
        says: &["the meeting `sc78-session` cannot be read", MEETING],
    },
    Case {
        name: "broken group: minutes",
        setup: |d| edit(d, GROUP, "\"name\"", "\"name\",,"),
        args: &["minutes", "sc78-session", "-o", "out.md"],
        code: 1,
        says: &[GROUP, "this is not JSON here"],
    },
    Case {
        name: "broken resolution: show",
        setup: |d| edit(d, RES, "Symbol: Conf. 11.3\n", ""),
        args: &["show", "11.3", "23 b)"],
        code: 1,
        says: &["could not be read", RES],
    },
    Case {
        name: "deep nesting in proposals: diff",
        setup: |d| deep(d, PROPOSALS),
        args: &["diff", "11.3"],
        code: 1,
        says: &["nest more than 64 levels"],
    },
    Case {
        name: "deep nesting in the group: check",
        setup: |d| deep(d, GROUP),
        args: &["check"],
        code: 1,
        says: &[GROUP, ":1:", "nest more than 64 levels"],
    },
    Case {
        name: "deep nesting in the meeting: check",
        setup: |d| deep(d, MEETING),
        args: &["check"],
        code: 1,
        says: &["nest more than 64 levels"],
    },
    // Findings of check, each located.
    Case {
        name: "unknown field",
        setup: |d| edit(d, GROUP, "\"body\"", "\"colour\": \"red\", \"body\""),
        args: &["check"],
        code: 1,
        says: &["unknown field `colour`", "group.json:"],
    },
    Case {
        name: "values of the wrong kind, all of them",
        setup: |d| {
            edit(d, GROUP, "\"name\": \"Kenya\"", "\"name\": 1");
            edit(d, GROUP, "\"name\": \"Botswana\"", "\"name\": true");
        },
        args: &["check"],
        code: 1,
        says: &[
            "a value of the wrong kind, because invalid type: integer `1`",
            "a value of the wrong kind, because invalid type: boolean `true`",
        ],
    },
    Case {
        name: "missing field",
        setup: |d| edit(d, GROUP, "\"body\": \"Standing Committee\",", ""),
        args: &["check"],
        code: 1,
        says: &["the field `body` is missing"],
    },
    Case {
        name: "bad date",
        setup: |d| edit(d, MEETING, "\"2025-02-04\"", "\"2025-02-31\""),
        args: &["check"],
        code: 1,
        says: &["2025-02-31", "meeting.json:"],
    },
    Case {
        name: "bad time",
        setup: |d| edit(d, MEETING, "\"13:00\"", "\"25:00\""),
        args: &["check"],
        code: 1,
        says: &["25:00", "meeting.json:"],
    },
    Case {
        name: "overlapping items",
        setup: |d| {
            edit(d, MEETING, "\"minutes\": 30", "\"start\": \"13:00\", \"end\": \"14:00\"");
            edit(d, MEETING, "\"minutes\": 10", "\"start\": \"13:30\", \"end\": \"14:30\"");
        },
        args: &["check"],
        code: 1,
        says: &["overlaps item `2`"],
    },
    Case {
        name: "session ends before it starts",
        setup: |d| edit(d, MEETING, "\"end\": \"15:00\"", "\"end\": \"12:00\""),
        args: &["check"],
        code: 1,
        says: &["ends (12:00) before it starts"],
    },
    Case {
        name: "an item id twice",
        setup: |d| edit(d, MEETING, "\"id\": \"3\"", "\"id\": \"2\""),
        args: &["check"],
        code: 1,
        says: &["agenda item id `2` is used twice"],
    },
    Case {
        name: "proposal text with a line break",
        setup: |d| {
            edit(
                d,
                PROPOSALS,
                "Parties provide the Secretariat with justification for why they have not been able to respond and",
                "Parties provide.\\n24. INJECTED and",
            )
        },
        args: &["check"],
        code: 1,
        says: &["the text has a line break", "proposals.json:"],
    },
    Case {
        name: "proposal text with an identity marker",
        setup: |d| edit(d, PROPOSALS, "within the following three months;", "within the following three months; {#para_23__a}"),
        args: &["adopt", "11.3", "23 b)"],
        code: 1,
        says: &["identity marker"],
    },
    Case {
        name: "proposal aimed at nothing",
        setup: |d| edit(d, PROPOSALS, "\"target\": \"23 b)\"", "\"target\": \"23 h)\""),
        args: &["check"],
        code: 1,
        says: &["does not exist"],
    },
    Case {
        name: "proponent who is not a member",
        setup: |d| edit(d, PROPOSALS, "\"Kenya\"", "\"Keny\""),
        args: &["check"],
        code: 1,
        says: &["`Keny` is not a member", "did you mean `Kenya`?"],
    },
    Case {
        name: "labels out of sequence",
        setup: |d| edit(d, RES, "    c) if significant compliance", "    d) if significant compliance"),
        args: &["check"],
        code: 1,
        says: &["expected c)", "conf-11.3.txt:"],
    },
    // Brackets may stay open while a text is negotiated: a warning.
    Case {
        name: "unbalanced brackets",
        setup: |d| edit(d, RES, "when, within six months,", "when, [within six months,"),
        args: &["check"],
        code: 0,
        says: &["conf-11.3.txt:216:", "warning: unbalanced square brackets"],
    },
    Case {
        name: "footnote never defined",
        setup: |d| edit(d, RES, "when, within six months,", "when, within six months[^99],"),
        args: &["check"],
        code: 1,
        says: &["99"],
    },
    Case {
        name: "not UTF-8",
        setup: |d| write(d, RES, b"Symbol: Conf. 11.3\n\xff\xfe broken"),
        args: &["check"],
        code: 1,
        says: &["UTF-8"],
    },
    Case { name: "an empty file", setup: |d| write(d, RES, ""), args: &["check"], code: 1, says: &["empty"] },
    Case {
        name: "a 50 MB file",
        setup: |d| {
            let f = std::fs::File::create(d.dir.join(RES)).unwrap();
            f.set_len(50 << 20).unwrap();
        },
        args: &["check"],
        code: 1,
        says: &["8 MB"],
    },
    Case {
        name: "indented thousands of levels deep",
        setup: |d| edit(d, RES, "    c) if significant compliance", &format!("{}c) if significant compliance", " ".repeat(40_000))),
        args: &["check"],
        code: 1,
        says: &["conf-11.3.txt:"],
    },
    // The journal.
    Case {
        name: "a damaged journal line stops the minutes",
        setup: |d| journal(d, &format!("{TAKEN_UP}{{\"at\":2,\"event\":\"interventi\n{SPOKE}")),
        args: &["minutes", "sc78-session"],
        code: 1,
        says: &["sc78-session.journal.jsonl:2:", "cannot be used"],
    },
    Case {
        name: "with --keep-going the damage is marked where it occurs",
        setup: |d| journal(d, &format!("{TAKEN_UP}{{\"at\":2,\"event\":\"interventi\n{SPOKE}")),
        args: &["--keep-going", "minutes", "sc78-session", "--format", "txt"],
        code: 0,
        says: &["[Problem: an entry could not be read: journal line 2]"],
    },
    Case {
        name: "a torn last journal line is only a warning",
        setup: |d| journal(d, &format!("{TAKEN_UP}{SPOKE}{{\"at\":3,\"eve")),
        args: &["minutes", "sc78-session", "--format", "txt"],
        code: 0,
        says: &["Kenya introduced it.", "the last line is incomplete"],
    },
    Case {
        name: "check reads journals",
        setup: |d| journal(d, &format!("{TAKEN_UP}not json\n")),
        args: &["check"],
        code: 1,
        says: &["sc78-session.journal.jsonl:2:"],
    },
    // -o writes regular files only.
    Case {
        name: "-o onto a symbolic link",
        setup: |d| std::os::unix::fs::symlink(d.dir.join("target.txt"), d.dir.join("link.md")).unwrap(),
        args: &["minutes", "sc78-session", "-o", "link.md"],
        code: 2,
        says: &["symbolic link"],
    },
    Case {
        name: "-o onto a pipe",
        setup: |d| {
            let _ = std::process::Command::new("mkfifo").arg(d.dir.join("pipe.md")).status();
        },
        args: &["minutes", "sc78-session", "-o", "pipe.md"],
        code: 2,
        says: &["not a regular file"],
    },
    Case {
        name: "-o onto a folder",
        setup: |d| std::fs::create_dir(d.dir.join("folder.md")).unwrap(),
        args: &["minutes", "sc78-session", "-o", "folder.md"],
        code: 2,
        says: &["a folder"],
    },
    Case {
        name: "-o onto a read-only file",
        setup: |d| {
            write(d, "ro.md", "keep");
            let mut p = std::fs::metadata(d.dir.join("ro.md")).unwrap().permissions();
            p.set_readonly(true);
            std::fs::set_permissions(d.dir.join("ro.md"), p).unwrap();
        },
        args: &["minutes", "sc78-session", "-o", "ro.md"],
        code: 3,
        says: &["read-only"],
    },
    Case {
        name: "-o into a folder that does not exist",
        setup: nothing,
        args: &["minutes", "sc78-session", "-o", "no/such/out.md"],
        code: 2,
        says: &["does not exist"],
    },
    // Mistakes in what was asked: status 2.
    Case { name: "unknown resolution", setup: nothing, args: &["show", "99.9"], code: 2, says: &["no resolution"] },
    Case { name: "unknown provision", setup: nothing, args: &["show", "11.3", "23 h)"], code: 2, says: &["paragraph 23 has a) to e)"] },
    Case { name: "unreadable reference", setup: nothing, args: &["show", "11.3", "23 q7"], code: 2, says: &["23 q7"] },
    Case { name: "unknown meeting", setup: nothing, args: &["minutes", "sc99"], code: 2, says: &["no meeting `sc99`"] },
    Case { name: "unknown proposal", setup: nothing, args: &["withdraw", "11.3", "nope"], code: 2, says: &["no proposal `nope`"] },
    Case { name: "sync without a remote", setup: nothing, args: &["sync"], code: 2, says: &["no remote `origin`"] },
    // The environment: status 3.
    Case {
        name: "another git program holds the index",
        setup: |d| write(d, ".git/index.lock", ""),
        args: &["adopt", "11.3", "23 b)"],
        code: 3,
        says: &["index.lock"],
    },
    // Warnings only.
    Case {
        name: "a stray file under agendas/",
        setup: |d| write(d, "agendas/sc78.meeting.json", "{}"),
        args: &["check"],
        code: 0,
        says: &["agendas/sc78.meeting.json", "each working group is a folder"],
    },
    Case {
        name: "a damaged history cache",
        setup: |d| {
            std::fs::create_dir_all(d.dir.join(".git/gavel/history")).unwrap();
            write(d, ".git/gavel/history/x.json", "{{{");
        },
        args: &["history", "11.3", "23 b)"],
        code: 0,
        says: &["History of"],
    },
];

#[test]
fn every_class_of_bad_input_is_answered_as_it_should_be() {
    assert!(CASES.len() >= 40, "{} classes", CASES.len());
    let mut failures = Vec::new();
    for c in CASES {
        let d = Demo::kenya();
        (c.setup)(&d);
        let o = d.gavel(c.args);
        let out = String::from_utf8_lossy(&o.stdout).to_string();
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        let all = format!("{out}{err}");
        let mut wrong = Vec::new();
        if o.status.code() != Some(c.code) {
            wrong.push(format!("exit {:?}, want {}", o.status.code(), c.code));
        }
        for s in c.says {
            if !all.contains(s) {
                wrong.push(format!("does not say `{s}`"));
            }
        }
        if err.contains("panicked") || err.contains("overflow") {
            wrong.push("panicked".into());
        }
        // Nothing partial: a failing command writes nothing to standard output, and no output file.
        if c.code != 0 && !out.is_empty() && c.args[0] != "check" {
            wrong.push(format!("wrote to standard output: {}", &out[..out.len().min(80)]));
        }
        if c.code != 0 {
            for f in ["out.docx", "out.md"] {
                if Path::new(&d.dir.join(f)).exists() {
                    wrong.push(format!("wrote {f}"));
                }
            }
        }
        if c.name == "-o onto a read-only file" && read(&d, "ro.md") != "keep" {
            wrong.push("replaced the read-only file".into());
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {}\n    {}", c.name, wrong.join("; "), all.replace('\n', "\n    ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}
