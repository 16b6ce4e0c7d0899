// Saved views of the case list (per user, kept by the server): pick one to apply its filters,
// save the current filters under a name (the same name replaces), delete the one in use.
import { Button, Group, Popover, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifyOk } from '../../ui/notify';
import { useSavedViews } from './api';

const same = (a: Record<string, string>, b: Record<string, string>) => {
  const strip = ({ tz: _tz, ...x }: Record<string, string>) => x;
  const [x, y] = [strip(a), strip(b)];
  return (
    Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((k) => x[k] === y[k])
  );
};

export function SavedViews({
  query,
  apply,
}: {
  query: Record<string, string>;
  apply: (q: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const views = useSavedViews();
  const [name, setName] = useState('');
  const [opened, setOpened] = useState(false);
  const current = (views.list.data ?? []).find((v) => same(v.query, query));
  const save = () => {
    const n = name.trim();
    if (!n) return;
    const { tz: _tz, ...q } = query;
    views.save.mutate(
      { name: n, query: q },
      {
        onSuccess: () => {
          notifyOk(t('complaints.views.saved'));
          setOpened(false);
          setName('');
        },
        onError: notifyError,
      },
    );
  };
  return (
    <Group gap="xs" wrap="wrap">
      <Select
        aria-label={t('complaints.views.label')}
        placeholder={t('complaints.views.label')}
        w={200}
        value={current?.id ?? null}
        onChange={(id) => {
          const v = views.list.data?.find((x) => x.id === id);
          if (v) apply(v.query);
        }}
        data={(views.list.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        nothingFoundMessage={t('complaints.views.none')}
      />
      <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-start">
        <Popover.Target>
          <Button variant="default" size="sm" onClick={() => setOpened((o) => !o)}>
            {t('complaints.views.save')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <Stack gap="xs">
              <TextInput
                label={t('complaints.views.name')}
                value={name}
                maxLength={80}
                required
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <Button type="submit" size="xs" loading={views.save.isPending}>
                {t('complaints.views.confirm')}
              </Button>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>
      {current && (
        <Button
          variant="subtle"
          color="red"
          size="sm"
          onClick={() => views.remove.mutate(current.id, { onError: notifyError })}
        >
          {t('complaints.views.delete')}
        </Button>
      )}
    </Group>
  );
}
