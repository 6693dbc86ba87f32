/**
 * Group commit on a real SQLite file: the writes queued in one turn of the event loop
 * share one transaction, and a write that fails half-way takes back only its own rows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { WriteTransactions } from "../../../src/store/sqlite/write-transaction.js";

const root = mkdtempSync(join(tmpdir(), "ordo-group-commit-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function openDatabase(name: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(join(root, name));
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE items (name TEXT PRIMARY KEY)");
  return db;
}

describe("group commit", () => {
  it("commits the writes of a group together", async () => {
    const db = openDatabase("together.db");
    const transactions = new WriteTransactions(db, 1000, true);
    const insert = db.prepare("INSERT INTO items (name) VALUES (?)");
    const names = await Promise.all(
      ["a", "b", "c"].map((name) => transactions.run("insert", () => (insert.run(name), name))),
    );
    expect(names).toEqual(["a", "b", "c"]);
    expect(db.prepare("SELECT name FROM items ORDER BY name").pluck().all()).toEqual(["a", "b", "c"]);
    await transactions.close();
    db.close();
  });

  it("rolls back only the rows of a write that fails half-way, and answers the others", async () => {
    const db = openDatabase("failure.db");
    const transactions = new WriteTransactions(db, 1000, true);
    const insert = db.prepare("INSERT INTO items (name) VALUES (?)");
    const results = await Promise.allSettled([
      transactions.run("first", () => insert.run("first").changes),
      transactions.run("broken", () => {
        insert.run("broken-1");
        insert.run("broken-2");
        throw new Error("the write failed after two rows");
      }),
      transactions.run("duplicate", () => {
        insert.run("duplicate");
        return insert.run("duplicate").changes;
      }),
      transactions.run("last", () => insert.run("last").changes),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    expect(results[1]).toMatchObject({ reason: { message: "the write failed after two rows" } });
    expect(results[2]).toMatchObject({ reason: { code: "ORDO_INVALID_INPUT" } });
    expect(db.prepare("SELECT name FROM items ORDER BY name").pluck().all()).toEqual(["first", "last"]);
    await transactions.close();
    db.close();
  });

  it("commits the next group normally after a group with a failure", async () => {
    const db = openDatabase("after.db");
    const transactions = new WriteTransactions(db, 1000, true);
    const insert = db.prepare("INSERT INTO items (name) VALUES (?)");
    await Promise.allSettled([
      transactions.run("ok", () => insert.run("ok").changes),
      transactions.run("broken", () => {
        insert.run("broken");
        throw new Error("no");
      }),
    ]);
    await transactions.run("next", () => insert.run("next").changes);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare("SELECT name FROM items ORDER BY name").pluck().all()).toEqual(["next", "ok"]);
    await transactions.close();
    db.close();
  });
});
