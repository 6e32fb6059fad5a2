/** Split / Merge / Change Scope of reserved-instance coupons (Alibaba ModifyReservedInstances); the code is in modify/. */
export { splitReservedInstance } from './modify/split';
export { mergeReservedInstances } from './modify/merge';
export { modifyReservedInstanceScope } from './modify/scope';
export type { ModifyRun } from './modify/submit';
