import { useState } from 'preact/hooks';
import { FLOWS } from '../flows/definitions.ts';
import { language, useT } from '../i18n/i18n.ts';
import type { AdminPerson } from '../net/admin.ts';
import { SKILLS, type OfficeRoutingSettings, type Skill } from '../protocol/index.ts';
import { SaveCancel } from './FormParts.tsx';

type Standing = 'usual' | 'first' | 'never';
/** A service's need here: the flow's own ('default'), nothing special ('none'), or one skill. */
type Need = 'default' | 'none' | Skill;

/**
 * An office's routing choices (admins): for each interpreter, as usual, first (offered this office's
 * requests before anyone else free) or never; for each service, the specialty it needs here.
 */
export function OfficeRoutingForm(props: {
  office: string;
  routing: OfficeRoutingSettings;
  interpreters: AdminPerson[];
  save: (routing: OfficeRoutingSettings) => Promise<boolean>;
  onDone: () => void;
}) {
  const t = useT();
  const lng = language.value;
  const [standing, setStanding] = useState<Record<string, Standing>>(() =>
    Object.fromEntries([
      ...props.routing.priority.map((id) => [id, 'first' as const]),
      ...props.routing.blocked.map((id) => [id, 'never' as const]),
    ]),
  );
  const [needs, setNeeds] = useState<Record<string, Need>>(() =>
    Object.fromEntries(
      Object.entries(props.routing.flowSkills).map(([flow, skills]) => [flow, skills[0] ?? 'none']),
    ),
  );
  const submit = () => {
    const who = (s: Standing) =>
      Object.entries(standing)
        .filter(([, v]) => v === s)
        .map(([id]) => id);
    const flowSkills = Object.fromEntries(
      Object.entries(needs)
        .filter(([, need]) => need !== 'default')
        .map(([flow, need]) => [flow, need === 'none' ? [] : [need]]),
    ) as Record<string, Skill[]>;
    return props.save({ priority: who('first'), blocked: who('never'), flowSkills });
  };
  const ownNeed = (flow: (typeof FLOWS)[number]) => {
    const own = flow.skills ?? [];
    return own.length
      ? own.map((s) => t(`supervisor.skills.${s}`)).join(t('kiosk.listJoin'))
      : t('supervisor.admin.none');
  };
  return (
    <form
      class="routing-form"
      data-testid="office-routing"
      aria-label={t('supervisor.admin.routingOf', { office: props.office })}
      onSubmit={(e) => {
        e.preventDefault();
        void submit().then((ok) => ok && props.onDone());
      }}
    >
      <fieldset>
        <legend>{t('supervisor.admin.routingInterpreters')}</legend>
        <p class="hint">{t('supervisor.admin.routingInterpretersHint')}</p>
        {props.interpreters.length === 0 ? <p>{t('supervisor.admin.none')}</p> : null}
        {props.interpreters.map((p) => (
          <label class="field" key={p.id}>
            <span>{p.displayName}</span>
            <select
              data-testid={`routing-${p.username}`}
              value={standing[p.id] ?? 'usual'}
              onChange={(e) => setStanding({ ...standing, [p.id]: e.currentTarget.value as Standing })}
            >
              {(['usual', 'first', 'never'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`supervisor.admin.standing.${s}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('supervisor.admin.routingServices')}</legend>
        {FLOWS.map((flow) => (
          <label class="field" key={flow.id}>
            <span>{flow.title[lng]}</span>
            <select
              data-testid={`need-${flow.id}`}
              value={needs[flow.id] ?? 'default'}
              onChange={(e) => setNeeds({ ...needs, [flow.id]: e.currentTarget.value as Need })}
            >
              <option value="default">{t('supervisor.admin.needDefault', { need: ownNeed(flow) })}</option>
              <option value="none">{t('supervisor.admin.needNone')}</option>
              {SKILLS.map((s) => (
                <option key={s} value={s}>
                  {t(`supervisor.skills.${s}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <div class="controls">
        <SaveCancel onCancel={props.onDone} />
      </div>
    </form>
  );
}
