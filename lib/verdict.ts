// What a pure rule (a state machine, a policy) answers: yes with its result, or a typed refusal.
// The server maps the kind to its status (forbidden → 403, conflict → 409); nobody parses the text.

/** Why an action may not happen now: the wrong party (forbidden) or the wrong moment (conflict). */
export interface Refusal {
  ok: false;
  refusal: 'forbidden' | 'conflict';
  reason: string;
}
export type Verdict<T> = ({ ok: true } & T) | Refusal;

export const forbidden = (reason: string): Refusal => ({ ok: false, refusal: 'forbidden', reason });
export const conflict = (reason: string): Refusal => ({ ok: false, refusal: 'conflict', reason });
