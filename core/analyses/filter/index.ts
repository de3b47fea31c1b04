export { compileFilter, type CompiledFilter, type FilterColumnInfo } from './evaluate';
export { parseFilter, type FilterNode } from './parse';
