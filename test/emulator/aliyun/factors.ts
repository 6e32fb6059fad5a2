/** Normalization factors (computing power = factor × amount): the vCPU count of the emulator's instance types. */
import { instanceTypeOf } from './instance-types';

/** Undefined for a type the emulator does not know (not sold as a reserved instance here). */
export function factorOf(instanceType: string): number | undefined {
  return instanceTypeOf(instanceType)?.vcpus;
}

export function familyOf(instanceType: string): string {
  const i = instanceType.lastIndexOf('.');
  return i > 0 ? instanceType.slice(0, i) : instanceType;
}

/** Burstable t5 and GPU gn6i reserved instances cannot be split or merged and are zonal only. */
export function isFixedFamily(instanceType: string): boolean {
  return /^ecs\.(t5|gn6i)-/.test(instanceType);
}
