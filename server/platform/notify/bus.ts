import type { Database } from '../../db/client.ts';
import { outsideTransactionContext } from '../../db/tx-guard.ts';
import { NOTIFY_CHANNEL } from './notify.ts';

type Listener = () => void;

/**
 * Fans committed-notification events out to the connections of each user in this process. Every
 * server listens on the database channel, so a notification written by any server reaches the
 * browser connected to any other.
 */
export class NotificationBus {
  readonly #byUser = new Map<number, Set<Listener>>();
  #stop?: () => Promise<void>;

  async start(database: Database) {
    this.#stop = await database.listen(NOTIFY_CHANNEL, (payload) =>
      outsideTransactionContext(() => {
        for (const id of payload.split(',')) {
          for (const l of this.#byUser.get(Number(id)) ?? []) l();
        }
      }),
    );
  }

  subscribe(userId: number, listener: Listener): () => void {
    let set = this.#byUser.get(userId);
    if (!set) {
      set = new Set();
      this.#byUser.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#byUser.delete(userId);
    };
  }

  get connections(): number {
    let n = 0;
    for (const s of this.#byUser.values()) n += s.size;
    return n;
  }

  async stop() {
    await this.#stop?.();
    this.#byUser.clear();
  }
}
