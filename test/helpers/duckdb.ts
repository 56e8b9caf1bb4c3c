/**
 * DuckDB for the tests that read Parquet back (@duckdb/node-api, a development dependency whose binaries come from the
 * npm registry as optional-dependency packages). Where it cannot be loaded, `query` is undefined and `skipWhy` says
 * why, so that a suite skips with the reason in its name rather than failing.
 */
export interface DuckDb {
  query?: (sql: string) => Promise<Record<string, unknown>[]>;
  skipWhy: string;
}

export async function openDuckDb(suite: string): Promise<DuckDb> {
  try {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    return { query: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[], skipWhy: '' };
  } catch (error) {
    const skipWhy = `DuckDB (@duckdb/node-api) cannot be loaded here: ${(error as Error).message}`;
    console.warn(`skipping ${suite}: ${skipWhy}`);
    return { skipWhy };
  }
}

/** A path in SQL text: single quotes doubled. */
export const sqlPath = (path: string): string => `'${path.replaceAll("'", "''")}'`;
