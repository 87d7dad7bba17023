import type { ComponentChildren } from 'preact';

/** One column: its header and what a row shows in it (omit a column by leaving it out). */
export interface Column<T> {
  header: string;
  cell: (row: T) => ComponentChildren;
  /** Cell class (e.g. `actions`, `num`). */
  class?: string;
}

/**
 * The supervisor console's tables: header cells with `scope="col"`, one row per item. `after` can
 * put a full-width row under an item (an edit form); `rowProps` adds test ids and data attributes.
 */
export function DataTable<T>(props: {
  testId: string;
  columns: Array<Column<T> | null | false>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => Record<string, string>;
  after?: (row: T) => ComponentChildren;
  caption?: string;
}) {
  const columns = props.columns.filter((c): c is Column<T> => Boolean(c));
  return (
    <table data-testid={props.testId}>
      {props.caption ? <caption class="sr-only">{props.caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => {
          const extra = props.after?.(row);
          return [
            <tr key={props.rowKey(row)} {...props.rowProps?.(row)}>
              {columns.map((c) => (
                <td key={c.header} class={c.class}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>,
            extra ? (
              <tr key={`${props.rowKey(row)}:after`} class="row-after">
                <td colSpan={columns.length}>{extra}</td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}
