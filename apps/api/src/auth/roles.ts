import { SetMetadata } from '@nestjs/common';

/** VIEWER reads; RESEARCHER also writes; ADMIN also manages tokens and rebuilds. Each role includes the ones before. */
export const ROLES = ['VIEWER', 'RESEARCHER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** True when a token of role `held` may do what `needed` allows. */
export const covers = (held: Role, needed: Role): boolean => ROLES.indexOf(held) >= ROLES.indexOf(needed);

export const ROLES_KEY = 'cmur:role';

/**
 * The role a resolver needs when it differs from the default (mutations: RESEARCHER; queries and
 * subscriptions: VIEWER). Example: `@Roles('ADMIN')` on an admin mutation or query.
 */
export const Roles = (role: Role) => SetMetadata(ROLES_KEY, role);
