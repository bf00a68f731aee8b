import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A column heading: its text, or its text with a right alignment (numbers) or a minimum width. */
export type DataColumn = string | { label: string; align?: 'right'; minWidth?: number };

type DataTableProps = Omit<TableProps, 'children'> & {
  /** Below this width the table scrolls sideways instead of squeezing. */
  minWidth: number;
  columns: readonly DataColumn[];
  /** The rows (<Table.Tr>). */
  children: ReactNode;
};

/** A table of rows under column headings, scrolling sideways on narrow screens. */
export function DataTable({ minWidth, columns, children, mt, ...tableProps }: DataTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth} mt={mt}>
      <Table {...tableProps}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => {
              const {
                label,
                align,
                minWidth: miw,
              } = typeof column === 'string' ? { label: column } : column;
              return (
                <Table.Th key={label} scope="col" ta={align} miw={miw}>
                  {label}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
