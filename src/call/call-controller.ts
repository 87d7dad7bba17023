/** A live call as a member's page holds it. Kiosk and interpreter apps both use it. */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type {
  Ack,
  CallEndReason,
  CallMember,
  ClientPayload,
  ServerToClientEvents,
} from '../protocol/index.ts';
import { listen, request, type ClientSocket } from '../net/socket.ts';
import { DisposerBag } from '../util/emitter.ts';
import { CallLink, type LinkPhase } from './call-link.ts';
import { defaultRetryPolicy, type RetryPolicy } from './ice-recovery.ts';
import { openCamera } from './media.ts';
import { PeerSession } from './peer-session.ts';
import type { PreConnection } from './preconnect.ts';
import { systemClock, type Clock } from '../util/clock.ts';
import {
  classifyVideo,
  poorStreak,
  readStats,
  type Counters,
  type QualityLevel,
  type QualitySample,
  type Stat,
} from './quality.ts';
import { QualityTally } from './quality-summary.ts';

const QUALITY_INTERVAL_MS = 1000;

export type CallStart = Parameters<ServerToClientEvents['call:start']>[0];
export type CallOutcome = 'hangup' | CallEndReason | 'failed';
export interface BackchannelLine {
  text: string;
  from: string;
  at: number;
  mine: boolean;
}

/**
 * One live call, as a member sees it: a link (a WebRTC connection) to each other member, the
 * signalling through the server, the members and who signs now. The main link is the one the
 * quality meter watches and the page shows large: the kiosk's link for an interpreter, the signing
 * interpreter's for the kiosk. It tells its owner once how the call ended for this page.
 */
export class CallController {
  readonly members = signal<CallMember[]>([]);
  /** The leg of the interpreter signing now (the server's word; the kiosk may pin another). */
  readonly active = signal<string | null>(null);
  /** Another interpreter is being looked for. */
  readonly joining = signal<'transfer' | 'team' | null>(null);
  readonly links = signal<ReadonlyMap<string, CallLink>>(new Map());
  readonly backchannel = signal<BackchannelLine[]>([]);
  /** Measured every second from getStats once media flows (on the main link). */
  readonly quality = signal<QualitySample | null>(null);
  /** The incoming video judged against EN 301 549 §6.5. */
  readonly level = signal<QualityLevel | null>(null);
  /** Consecutive seconds of poor incoming video. */
  readonly poorSeconds = signal(0);
  /** What the call's video was like, for the report after it (call:quality). */
  readonly tally = new QualityTally();
  readonly mainLeg: ReadonlySignal<string | null>;
  readonly remoteStream: ReadonlySignal<MediaStream | null>;
  readonly phase: ReadonlySignal<LinkPhase>;
  /** Until a link connects the call is connecting; a link that connected once keeps the call up. */
  private connectedOnce = signal(false);
  private readonly bag = new DisposerBag();
  private done = false;
  private readonly myLeg: string | null;
  private readonly myOrder: number;
  private flowingSent = false;

  constructor(
    private readonly socket: ClientSocket,
    readonly start: CallStart,
    private readonly localStream: MediaStream,
    private readonly onDone: (
      outcome: CallOutcome,
      requeuedAs?: { requestId: string; position: number },
    ) => void,
    private readonly retryPolicy: RetryPolicy = defaultRetryPolicy,
    private readonly clock: Clock = systemClock,
    /** The connection made while the offer rang (a call of two that started from it). */
    private preconnected: PreConnection | null = null,
  ) {
    const callId = start.callId;
    this.myLeg = start.leg ?? null;
    const members = start.members ?? [
      { leg: 'self', name: '', role: 'kiosk', order: start.initiator ? 0 : 1 },
      { leg: 'peer', name: start.peerName, role: 'interpreter', order: start.initiator ? 1 : 0 },
    ];
    this.myOrder = members.find((m) => m.leg === (this.myLeg ?? 'self'))?.order ?? (start.initiator ? 0 : 1);
    this.mainLeg = computed(() => {
      const others = this.members.value.filter((m) => m.leg !== this.own);
      const kiosk = others.find((m) => m.role === 'kiosk');
      if (kiosk) return kiosk.leg;
      const active = this.active.value;
      return others.some((m) => m.leg === active) ? active : (others[0]?.leg ?? null);
    });
    this.remoteStream = computed(() => this.linkOf(this.mainLeg.value)?.stream.value ?? null);
    this.phase = computed(() => {
      const phase = this.linkOf(this.mainLeg.value)?.phase.value ?? 'connecting';
      return phase === 'connecting' && this.connectedOnce.value ? 'reconnecting' : phase;
    });
    this.bag.add(() => {
      for (const link of this.links.value.values()) link.dispose();
      this.links.value = new Map();
    });
    this.reconcile(members, null, null);
    this.bag.add(this.meter());
    this.bag.add(
      listen(socket, 'call:signal', (p) => {
        if (p.callId !== callId) return;
        const link = (p.from && this.links.value.get(p.from)) || this.onlyLink();
        link?.handleSignal(p.data);
      }),
    );
    this.bag.add(
      listen(socket, 'call:members', (p) => {
        if (p.callId === callId) this.reconcile(p.members, p.active, p.joining);
      }),
    );
    this.bag.add(
      listen(socket, 'call:backchannel', (p) => {
        if (p.callId !== callId) return;
        this.backchannel.value = [...this.backchannel.value, { ...p, mine: false }].slice(-50);
      }),
    );
    this.bag.add(
      listen(socket, 'call:ended', (p) => {
        if (p.callId === callId) this.finish(p.reason, p.requeued);
      }),
    );
  }

  get callId(): string {
    return this.start.callId;
  }

  /** End the call from this side (an interpreter with a teammate hands off and leaves). */
  hangUp(): void {
    if (this.done) return;
    void this.endOnServer();
    this.finish('hangup');
  }

  /**
   * Re-attach to the call on a server that forgot it (it restarted): the media never stopped. If the
   * server refuses, the call cannot be ended or repaired through it any more: it ends here.
   */
  async resume(): Promise<void> {
    const { callId, requestId, resumeToken } = this.start;
    const ack = await request(this.socket, 'call:resume', { callId, requestId, token: resumeToken });
    if (!ack.ok && ack.code !== 'timeout') this.finish('failed');
  }

  /** The interpreters' actions in a call (see docs/protocol.md). */
  transfer(p: Omit<ClientPayload<'call:transfer'>, 'callId'>): Promise<Ack> {
    return request(this.socket, 'call:transfer', { callId: this.callId, ...p });
  }
  invite(deaf: boolean, note?: string): Promise<Ack> {
    return request(this.socket, 'call:invite', { callId: this.callId, deaf, ...(note ? { note } : {}) });
  }
  cancelJoin(): Promise<Ack> {
    return request(this.socket, 'call:join-cancel', { callId: this.callId });
  }
  setActive(leg: string): Promise<Ack> {
    return request(this.socket, 'call:active', { callId: this.callId, leg });
  }
  async sendBackchannel(text: string): Promise<boolean> {
    const ack = await request(this.socket, 'call:backchannel', { callId: this.callId, text });
    if (ack.ok)
      this.backchannel.value = [
        ...this.backchannel.value,
        { text, from: '', at: this.clock.now(), mine: true },
      ].slice(-50);
    return ack.ok;
  }
  /** This page's own leg. */
  get own(): string {
    return this.myLeg ?? 'self';
  }

  /** Release everything without telling anyone (the page is going away). */
  dispose(): void {
    this.done = true;
    this.bag.dispose();
  }

  /** Makes a link to each other member and drops the links of members who left. */
  private reconcile(members: CallMember[], active: string | null, joining: 'transfer' | 'team' | null): void {
    if (this.done) return;
    this.members.value = members;
    this.active.value = active;
    this.joining.value = joining;
    const next = new Map(this.links.value);
    for (const [leg, link] of next)
      if (!members.some((m) => m.leg === leg)) {
        link.dispose();
        next.delete(leg);
      }
    for (const m of members) {
      if (m.leg === this.own || next.has(m.leg)) continue;
      next.set(m.leg, this.link(m));
    }
    this.links.value = next;
  }

  private link(m: CallMember): CallLink {
    // The connection made while the offer rang is the link to the other one of a call of two.
    const pre = this.preconnected;
    this.preconnected = null;
    const link = new CallLink({
      ...(pre && !this.start.join ? { preconnected: pre } : {}),
      // Of each pair, the member who joined first makes the offer.
      initiator: this.myOrder < m.order,
      localStream: this.localStream,
      iceServers: this.start.iceServers,
      media: this.start.media,
      retryPolicy: this.retryPolicy,
      clock: this.clock,
      send: (data) => {
        // A call of two needs no address (and a call the server resumed has new legs).
        const to = this.members.value.length > 2 ? { to: m.leg } : {};
        void request(this.socket, 'call:signal', { callId: this.callId, data, ...to });
      },
      restarted: () => this.tally.restarted(),
      broken: () => this.broken(m.leg),
    });
    link.phase.subscribe((phase) => {
      if (phase === 'connected') this.connectedOnce.value = true;
    });
    return link;
  }

  /**
   * A link broke. With other members still here, only that link goes (the server says who left).
   * In a call of two: if the peer hung up, its call:ended is already here or on its way (the server
   * answers our call:end after sending it), so only a call we ended ourselves counts as failed, or
   * one the server no longer knows (its call:ended was lost with a node that died).
   */
  private broken(leg: string): void {
    const others = this.members.value.filter((m) => m.leg !== this.own);
    if (others.length > 1 || !others.some((m) => m.leg === leg)) {
      const next = new Map(this.links.value);
      next.get(leg)?.dispose();
      next.delete(leg);
      this.links.value = next;
      return;
    }
    void this.endOnServer().then((ack) => (ack.ok || ack.code === 'not_found') && this.finish('failed'));
  }

  private linkOf(leg: string | null): CallLink | undefined {
    return leg === null ? undefined : this.links.value.get(leg);
  }

  private onlyLink(): CallLink | undefined {
    return this.links.value.size === 1 ? [...this.links.value.values()][0] : undefined;
  }

  private meter(): () => void {
    const counters = new Map<string, Counters | null>();
    return this.clock.setInterval(() => {
      const leg = this.mainLeg.value;
      const link = this.linkOf(leg);
      if (!link || link.phase.value !== 'connected') return;
      link.peer
        .getStats()
        .then((report) => {
          if (this.done || leg !== this.mainLeg.value) return;
          const read = readStats(report.values() as Iterable<Stat>, counters.get(leg!) ?? null);
          counters.set(leg!, read.counters);
          const level = classifyVideo(read.sample.inFps, read.sample.inWidth, read.sample.inHeight);
          this.quality.value = read.sample;
          this.level.value = level;
          this.tally.add(read.sample, level);
          this.poorSeconds.value = poorStreak(this.poorSeconds.value, level);
          // A joining interpreter's video reaches the kiosk and the kiosk's reaches them: a
          // transfer's first interpreter may leave now.
          if (this.start.join && !this.flowingSent && (read.sample.inFps ?? 0) > 0) {
            this.flowingSent = true;
            void request(this.socket, 'call:flowing', { callId: this.callId });
          }
        })
        .catch(() => {});
    }, QUALITY_INTERVAL_MS);
  }

  private endOnServer(): Promise<Ack> {
    return request(this.socket, 'call:end', { callId: this.callId });
  }

  private finish(outcome: CallOutcome, requeuedAs?: { requestId: string; position: number }): void {
    if (this.done) return;
    this.dispose();
    this.onDone(outcome, requeuedAs);
  }
}

/** Open the camera for calls and warm WebRTC up while nobody is waiting. */
export async function prepareMedia(): Promise<MediaStream> {
  const stream = await openCamera();
  PeerSession.prewarm(stream).catch((err: unknown) => console.warn('WebRTC prewarm failed', err));
  return stream;
}
