import Foundation
import GRDB
import TaskSchema

/// The workspace database's tables, as numbered migrations: a workspace written by an older
/// version is brought up to date when a newer one opens it, never the other way round.
enum Schema {
    /// `PRAGMA application_id`: tells our database from any other SQLite file ('xtsk').
    static let applicationID: Int32 = 0x7874_736B

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            // The master: the document it came from, and its tasks and units for queries (the
            // master itself is master.xlsx beside the database, read back by MasterSource).
            try db.execute(sql: """
                CREATE TABLE workspace (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    document TEXT NOT NULL,
                    source_name TEXT NOT NULL,
                    source_sha256 TEXT NOT NULL,
                    master_fingerprint TEXT NOT NULL,
                    created TEXT NOT NULL);
                CREATE TABLE task (
                    id TEXT PRIMARY KEY,
                    table_name TEXT NOT NULL,
                    columns TEXT NOT NULL,          -- JSON object: column name → text
                    primary_units TEXT NOT NULL,    -- 、-separated, as in the document
                    related_units TEXT NOT NULL,
                    leaders TEXT NOT NULL);
                CREATE TABLE unit (
                    name TEXT PRIMARY KEY,
                    position INTEGER NOT NULL,
                    tasks INTEGER NOT NULL);
                CREATE TABLE round (
                    label TEXT PRIMARY KEY,
                    opened TEXT NOT NULL,
                    due TEXT,                       -- YYYY-MM-DD
                    closed TEXT);
                CREATE TABLE dispatched (
                    round TEXT NOT NULL REFERENCES round(label),
                    unit TEXT NOT NULL,
                    file TEXT NOT NULL,             -- relative to the workspace
                    sha256 TEXT NOT NULL,
                    tasks TEXT NOT NULL,            -- JSON list of task ids
                    PRIMARY KEY (round, unit));
                -- A file as it arrived: stored once by content in the round's inbox.
                CREATE TABLE received (
                    id INTEGER PRIMARY KEY,
                    round TEXT NOT NULL REFERENCES round(label),
                    original_path TEXT NOT NULL,
                    name TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    received TEXT NOT NULL,
                    stored TEXT NOT NULL,           -- relative to the workspace
                    UNIQUE (round, sha256));
                -- What the merge's analysis made of it (an archive gives one row per file in it).
                CREATE TABLE analysed (
                    id INTEGER PRIMARY KEY,
                    received INTEGER NOT NULL REFERENCES received(id),
                    position INTEGER NOT NULL,
                    path TEXT NOT NULL,             -- as 收文清单 shows it
                    unit TEXT,
                    identified_by TEXT,
                    status TEXT NOT NULL,           -- accepted, rejected, superseded, skipped, unpacked
                    reason TEXT,
                    rows INTEGER NOT NULL,
                    analysis BLOB NOT NULL);        -- TaskSchema.AnalysedFile as JSON
                CREATE INDEX analysed_by_received ON analysed(received);
                -- Every value a unit typed, as checked; accepted when its file is.
                CREATE TABLE value (
                    analysed INTEGER NOT NULL REFERENCES analysed(id),
                    task TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    column TEXT NOT NULL,
                    typed TEXT NOT NULL,
                    kind TEXT NOT NULL,             -- text, number, date
                    number REAL,
                    sheet TEXT NOT NULL,
                    row INTEGER NOT NULL);
                CREATE INDEX value_by_task ON value(task);
                CREATE TABLE problem (
                    analysed INTEGER NOT NULL REFERENCES analysed(id),
                    kind TEXT NOT NULL,
                    sheet TEXT, row INTEGER, task TEXT, column TEXT, value TEXT,
                    message TEXT NOT NULL,
                    chinese TEXT NOT NULL);
                -- Append-only: what was done, when, by whom.
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    who TEXT NOT NULL,
                    what TEXT NOT NULL,
                    detail TEXT NOT NULL);
                CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                """)
        }
        // The clerk's hand: corrections of a value, and which submission of a unit is used.
        migrator.registerMigration("v2 corrections and preferences") { db in
            try db.execute(sql: """
                CREATE TABLE correction (
                    id INTEGER PRIMARY KEY,
                    round TEXT NOT NULL REFERENCES round(label),
                    task TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    column TEXT NOT NULL,
                    value TEXT NOT NULL,            -- TaskSchema.ReportedValue as JSON
                    reason TEXT NOT NULL,
                    at TEXT NOT NULL,
                    who TEXT NOT NULL);
                -- status counts the tasks each accepted file reports on without touching the rows.
                CREATE INDEX value_by_analysed ON value(analysed, task);
                CREATE TABLE preference (
                    round TEXT NOT NULL REFERENCES round(label),
                    received INTEGER NOT NULL REFERENCES received(id),
                    at TEXT NOT NULL,
                    PRIMARY KEY (round, received));
                """)
        }
        // A migration once landed is never edited: v2 workspaces exist without this column (and,
        // made by the commits that briefly put it into v2, with it).
        migrator.registerMigration("v3 the workspace's template") { db in
            guard try !db.columns(in: "workspace").contains(where: { $0.name == "template" }) else { return }
            try db.execute(sql: """
                -- The form's template as JSON when the workspace was made with --template (NULL: the bundled one).
                ALTER TABLE workspace ADD COLUMN template TEXT;
                """)
        }
        // 序时进度: the plan's span, and each task's 完成时限 as the document wrote it.
        migrator.registerMigration("v4 plan span and deadlines") { db in
            try db.execute(sql: """
                ALTER TABLE workspace ADD COLUMN plan_start TEXT;   -- YYYY-MM-DD; '' none; NULL: not yet taken from the title
                ALTER TABLE workspace ADD COLUMN plan_end TEXT;
                ALTER TABLE task ADD COLUMN deadline TEXT;          -- the 完成时限 cell, as written
                -- Each task against 序时进度 on the round's day (see Standings.swift): what status counts.
                CREATE TABLE standing (
                    round TEXT NOT NULL REFERENCES round(label),
                    task TEXT NOT NULL,
                    day TEXT NOT NULL,
                    expected REAL NOT NULL,
                    pace TEXT,                      -- ahead, on-pace, behind; NULL: not reported
                    light TEXT NOT NULL,            -- red, yellow, blue, green
                    reported INTEGER NOT NULL,      -- any value accepted, or corrected
                    PRIMARY KEY (round, task)) WITHOUT ROWID;
                """)
            // Tasks recorded before: their deadline from the stored columns.
            let update = try db.makeStatement(sql: "UPDATE task SET deadline = ? WHERE id = ?")
            for row in try Row.fetchAll(db, sql: "SELECT id, columns FROM task") {
                let columns = (try? JSONSerialization.jsonObject(with: Data((row["columns"] as String).utf8))) as? [String: String] ?? [:]
                if let text = columns.first(where: { ColumnRole.recognise($0.key) == .deadline })?.value, !text.isEmpty {
                    try update.execute(arguments: [text, row["id"] as String])
                }
            }
        }
        // Mail: the units' contacts, the office's sender address, every message written.
        migrator.registerMigration("v5 contacts and messages") { db in
            try db.execute(sql: """
                CREATE TABLE contact (
                    unit TEXT PRIMARY KEY,
                    person TEXT NOT NULL,
                    email TEXT NOT NULL,            -- addresses separated by ", "
                    cc TEXT NOT NULL,
                    phone TEXT NOT NULL,
                    imported TEXT NOT NULL);
                CREATE TABLE setting (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL);
                CREATE TABLE message (
                    message_id TEXT PRIMARY KEY,
                    round TEXT NOT NULL REFERENCES round(label),
                    unit TEXT NOT NULL,
                    kind TEXT NOT NULL,             -- invitation, reminder, reminder-overdue
                    file TEXT NOT NULL,             -- the .eml, relative to the workspace when inside it
                    written TEXT NOT NULL,
                    sent TEXT);                     -- when an SMTP server accepted it
                """)
        }
        // What mail --send needs of a draft: its envelope.
        migrator.registerMigration("v6 message recipients") { db in
            try db.execute(sql: """
                ALTER TABLE message ADD COLUMN sender TEXT;         -- the From address, NULL for a draft without one
                ALTER TABLE message ADD COLUMN recipients TEXT;     -- To and Cc addresses, ", "-separated
                """)
        }
        // Judgments from each unit's own report: its figures and when it returned, what a form
        // was sent with (to tell a blank return), what a unit typed before a correction, undoing.
        migrator.registerMigration("v7 unit judgments") { db in
            try db.execute(sql: """
                -- Per round and unit, refreshed whenever the round's files are combined again.
                CREATE TABLE unit_round (
                    round TEXT NOT NULL REFERENCES round(label),
                    unit TEXT NOT NULL,
                    figures TEXT NOT NULL,          -- TaskSchema.UnitFigures as JSON
                    state TEXT NOT NULL,            -- returned, blank, none (late or pending is decided on the day asked)
                    returned_at TEXT,               -- local time with its offset
                    returned_by TEXT,               -- mail, filled, collected
                    PRIMARY KEY (round, unit)) WITHOUT ROWID;
                -- Task id → template column → the value the form was sent with (carried over), as JSON.
                ALTER TABLE dispatched ADD COLUMN prefilled TEXT;
                ALTER TABLE correction ADD COLUMN typed TEXT;      -- what the unit had typed, as it typed it
                ALTER TABLE correction ADD COLUMN undone TEXT;     -- when it was undone (no longer applied)
                ALTER TABLE message ADD COLUMN dropped TEXT;       -- a reminder not sent: the unit returned after it was written
                -- Lights are judged again: a task nobody reported on is now 'unreported', not yellow or red.
                DELETE FROM standing;
                """)
        }
        return migrator
    }
}
