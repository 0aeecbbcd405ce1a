// Types of 'chatwoot-identity/express': the Chatwoot widget in res.locals for Express views.
// Structural types, so that the package needs neither @types/express nor @types/node.
import type { Identifier, Secret, UserFields } from './index';

/** What the middleware reads of a request (Express's Request has it). */
export interface Request {
  headers: { cookie?: string | undefined };
  user?: unknown;
  logout?: (done: (err?: unknown) => void) => void;
}
/** What the middleware uses of a response (Express's Response has it). */
export interface Response {
  locals: Record<string, any>;
  headersSent: boolean;
  statusCode: number;
  getHeader(name: string): unknown;
  setHeader(name: string, value: string | readonly string[]): unknown;
  end(body?: string): unknown;
}
export type Next = (err?: unknown) => void;

/** The signed-in user for the widget: identifier (integer ids as numbers/bigints are sent as strings) and fields. */
export interface ChatwootUser {
  identifier: Identifier;
  fields?: UserFields;
}

/** What window.chatwootSettings takes: locale, position, type, launcherTitle, darkMode, ... */
export type WidgetSettings = Record<string, unknown>;

export interface Inbox {
  websiteToken: string;
  /** The inbox's HMAC token (from the environment or a secret store). */
  hmacToken: Secret;
  settings?: WidgetSettings;
}

export interface ChatwootOptions {
  /** Your Chatwoot's URL, e.g. https://app.chatwoot.com */
  baseUrl: string;
  websiteToken?: string;
  hmacToken?: Secret;
  /** Several inboxes by name, instead of websiteToken/hmacToken; the first is the default. */
  inboxes?: Record<string, Inbox>;
  settings?: WidgetSettings;
  /** The signed-in user, or null. Default: req.user (passport) mapped by id, name, email, ... */
  user?: (req: Request) => ChatwootUser | null | undefined;
}

export interface WidgetOptions {
  /** The inbox's name in `inboxes`. */
  inbox?: string;
}

/** res.locals.chatwoot */
export interface ChatwootLocals {
  /** The widget's HTML: loader, run call, and the verified setUser (or the reset after a logout). */
  widget(options?: WidgetOptions): string;
  /** The JSON text { identifier, identifier_hash, ...fields } for an SPA; null when signed out. */
  payload(options?: WidgetOptions): string | null;
  /** Makes this response's widget reset Chatwoot's widget. */
  logout(): void;
}

/** The middleware: sets res.locals.chatwoot and res.locals.chatwootWidget. */
export function chatwoot(options: ChatwootOptions): (req: Request, res: Response, next: Next) => void;
/** Logs out through passport's req.logout when present, and resets the widget on this response. */
export function logout(req: Request, res: Response, callback?: (err?: unknown) => void): void;
/** A route handler for SPAs: 200 with the payload JSON, 401 when signed out. */
export function payloadRoute(options?: WidgetOptions): (req: Request, res: Response, next: Next) => void;
/** The default user mapping from req.user. */
export function defaultUser(req: Request): ChatwootUser | null;
