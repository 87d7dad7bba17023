export * from './schemas.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './counter-schemas.ts';
export * from './server-schemas.ts';
export * from './team-schemas.ts';
export * from './device-schemas.ts';
export * from './clip-schemas.ts';
