import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import type { AdminPerson } from '../net/admin.ts';
import { DataTable } from './DataTable.tsx';
import { RoleField, SaveCancel, TextField } from './FormParts.tsx';
import { InterpreterFields, type InterpreterDetails } from './InterpreterFields.tsx';
import { OfficeField } from './OfficeField.tsx';
import type { SupervisorStore } from './supervisor-store.ts';

type Role = AdminPerson['role'];
const NEW_INTERPRETER: InterpreterDetails = { gender: 'female', languages: ['sdl'], skills: [] };

/**
 * People of the actor's scope: add (a one-time password), change (name, role within what the actor
 * may give, office, an interpreter's gender, sign languages and skills), disable, enable, new password.
 */
export function PeoplePanel({ store, isAdmin }: { store: SupervisorStore; isAdmin: boolean }) {
  const t = useT();
  const roles: Role[] = isAdmin ? ['clerk', 'interpreter', 'supervisor', 'admin'] : ['clerk'];
  const [person, setPerson] = useState({ role: 'clerk' as Role, username: '', name: '', office: '' });
  const [details, setDetails] = useState(NEW_INTERPRETER);
  const [changing, setChanging] = useState<string | null>(null);
  return (
    <section class="card" aria-labelledby="admin-people-h">
      <h2 id="admin-people-h">{t('supervisor.admin.people')}</h2>
      <form
        class="inline-form"
        data-testid="person-add"
        onSubmit={(e) => {
          e.preventDefault();
          const { office, ...rest } = person;
          void store
            .addPerson({
              ...rest,
              ...(isAdmin && office ? { office } : {}),
              ...(person.role === 'interpreter' ? details : {}),
            })
            .then((ok) => ok && setPerson({ ...person, username: '', name: '' }));
        }}
      >
        <RoleField roles={roles} value={person.role} onChange={(role) => setPerson({ ...person, role })} />
        <TextField
          label={t('auth.username')}
          required
          dir="ltr"
          pattern="[a-z0-9._\-]{2,40}"
          value={person.username}
          onValue={(v) => setPerson({ ...person, username: v })}
        />
        <TextField
          label={t('supervisor.name')}
          required
          maxLength={60}
          value={person.name}
          onValue={(v) => setPerson({ ...person, name: v })}
        />
        {isAdmin && person.role !== 'interpreter' ? (
          <OfficeField
            store={store}
            value={person.office}
            onChange={(office) => setPerson({ ...person, office })}
          />
        ) : null}
        {person.role === 'interpreter' ? <InterpreterFields value={details} onChange={setDetails} /> : null}
        <button type="submit" class="btn btn-primary">
          {t('supervisor.admin.addPerson')}
        </button>
      </form>
      <DataTable
        testId="admin-people"
        rows={store.people.value}
        rowKey={(p) => p.id}
        rowProps={(p) => ({ 'data-testid': `admin-person-${p.username}` })}
        columns={[
          {
            header: t('supervisor.name'),
            cell: (p) => (
              <>
                {p.displayName} <span dir="ltr">({p.username})</span>
              </>
            ),
          },
          { header: t('supervisor.admin.role'), cell: (p) => t(`supervisor.roles.${p.role}`) },
          isAdmin && { header: t('supervisor.office'), cell: (p) => p.office ?? '—' },
          {
            header: t('supervisor.admin.details'),
            cell: (p) =>
              p.role === 'interpreter'
                ? [
                    t(`supervisor.genders.${p.gender ?? 'female'}`),
                    ...p.languages.map((l) => t(`languages.${l}`)),
                    ...p.skills.map((s) => t(`supervisor.skills.${s}`)),
                  ].join(' · ')
                : '',
          },
          {
            header: t('supervisor.admin.state'),
            cell: (p) => t(p.disabled ? 'supervisor.admin.disabled' : 'supervisor.admin.active'),
          },
          {
            header: t('supervisor.admin.actions'),
            class: 'actions',
            cell: (p) => (
              <>
                <button
                  type="button"
                  class="btn"
                  data-testid={`change-${p.username}`}
                  aria-expanded={changing === p.username}
                  onClick={() => setChanging(changing === p.username ? null : p.username)}
                >
                  {t('supervisor.admin.change')}
                  <span class="sr-only"> {p.displayName}</span>
                </button>
                <button
                  type="button"
                  class="btn"
                  data-testid={`toggle-${p.username}`}
                  onClick={() => void store.personAction(p.username, p.disabled ? 'enable' : 'disable')}
                >
                  {t(p.disabled ? 'supervisor.admin.enable' : 'supervisor.admin.disable')}
                  <span class="sr-only"> {p.displayName}</span>
                </button>
                <button
                  type="button"
                  class="btn"
                  onClick={() => void store.personAction(p.username, 'reset-password')}
                >
                  {t('supervisor.admin.resetPassword')}
                  <span class="sr-only"> {p.displayName}</span>
                </button>
              </>
            ),
          },
        ]}
        after={(p) =>
          changing === p.username ? (
            <PersonChange
              person={p}
              roles={roles}
              store={store}
              isAdmin={isAdmin}
              onDone={() => setChanging(null)}
            />
          ) : null
        }
      />
    </section>
  );
}

function PersonChange(props: {
  person: AdminPerson;
  roles: Role[];
  store: SupervisorStore;
  isAdmin: boolean;
  onDone: () => void;
}) {
  const t = useT();
  const p = props.person;
  const [name, setName] = useState(p.displayName);
  const [role, setRole] = useState<Role>(p.role);
  const [office, setOffice] = useState(p.office ?? '');
  const [details, setDetails] = useState<InterpreterDetails>({
    gender: p.gender ?? 'female',
    languages: p.languages.length ? p.languages : ['sdl'],
    skills: p.skills,
  });
  const roles = props.roles.includes(p.role) ? props.roles : [p.role, ...props.roles];
  return (
    <form
      class="inline-form"
      data-testid="person-change"
      aria-label={t('supervisor.admin.changing', { who: p.displayName })}
      onSubmit={(e) => {
        e.preventDefault();
        void props.store
          .changePerson(p.username, {
            name,
            ...(role !== p.role ? { role } : {}),
            ...(props.isAdmin && (office || null) !== p.office ? { office: office || null } : {}),
            ...(role === 'interpreter' ? details : {}),
          })
          .then((ok) => ok && props.onDone());
      }}
    >
      <TextField
        label={t('supervisor.name')}
        autoFocus
        required
        maxLength={60}
        value={name}
        onValue={setName}
      />
      <RoleField roles={roles} value={role} onChange={setRole} />
      {props.isAdmin && role !== 'interpreter' ? (
        <OfficeField store={props.store} value={office} onChange={setOffice} />
      ) : null}
      {role === 'interpreter' ? <InterpreterFields value={details} onChange={setDetails} /> : null}
      <SaveCancel onCancel={props.onDone} />
    </form>
  );
}
