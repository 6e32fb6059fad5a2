import type { Row } from './stats';

export async function treeRows(..._a: unknown[]): Promise<Row[]> {
  throw new Error('not written yet');
}
