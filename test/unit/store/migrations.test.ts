import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../../src/store/index.js";

/** The names of the tables and indexes a migration text creates, sorted. */
function createdNames(text: string): string[] {
  const pattern = /\bCREATE\s+(UNIQUE\s+)?(TABLE|INDEX)\s+(IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?/gi;
  return [...text.matchAll(pattern)].map((m) => `${m[2]!.toUpperCase()} ${m[4]!.toLowerCase()}`).sort();
}

/** The columns a migration text adds to existing tables, as `table.column`, sorted. */
function addedColumns(text: string): string[] {
  const pattern = /\bALTER\s+TABLE\s+"?(\w+)"?\s+ADD\s+COLUMN\s+"?(\w+)"?/gi;
  return [...text.matchAll(pattern)].map((m) => `${m[1]!.toLowerCase()}.${m[2]!.toLowerCase()}`).sort();
}

describe("migrations", () => {
  it("are numbered 1, 2, 3, … in order, with unique names", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  for (const migration of MIGRATIONS) {
    describe(`${migration.version}-${migration.name}`, () => {
      it("carries both a SQLite and a PostgreSQL text", () => {
        expect(migration.sqlite.trim()).not.toBe("");
        expect(migration.postgres.trim()).not.toBe("");
      });

      it("creates the same tables, indexes and columns in both dialects", () => {
        const sqlite = createdNames(migration.sqlite);
        const columns = addedColumns(migration.sqlite);
        expect(sqlite.length + columns.length).toBeGreaterThan(0);
        expect(createdNames(migration.postgres)).toEqual(sqlite);
        expect(addedColumns(migration.postgres)).toEqual(columns);
      });
    });
  }

  it("create the tables the store needs", () => {
    const tables = MIGRATIONS.flatMap((m) => createdNames(m.sqlite)).filter((n) => n.startsWith("TABLE"));
    for (const table of ["flows", "flow_runs", "flow_run_states", "task_runs", "task_run_states", "logs"]) {
      expect(tables).toContain(`TABLE ${table}`);
    }
  });

  it("index what the hot queries look up", () => {
    const all = MIGRATIONS.map((m) => m.sqlite).join("\n");
    expect(all).toMatch(/CREATE UNIQUE INDEX \w+ ON task_runs \(flow_run_id, task_key, dynamic_key\)/);
    expect(all).toMatch(/CREATE INDEX \w+ ON task_runs \(cache_key\)/);
    expect(all).toMatch(/CREATE INDEX \w+ ON logs \(flow_run_id, id\)/);
    expect(all).toMatch(/CREATE INDEX \w+ ON flow_runs \(flow_id, created_at\)/);
    expect(all).toMatch(/CREATE INDEX \w+ ON flow_runs \(state_type, /);
    expect(all).toMatch(/CREATE INDEX \w+ ON flow_runs \(parent_flow_run_id, dynamic_key\)/);
  });
});
