/** Credential sources: CLI config files, environment, STS AssumeRole, instance metadata. */
export * from './errors';
export * from './env';
export * from './profiles';
export * from './sts';
export * from './metadata';
export * from './sources';
export { maskKeyId } from '../redact';
export * from './safety';
