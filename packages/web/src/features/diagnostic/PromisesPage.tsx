// The promises registry (gap 4): what advertising, the website, contracts, scripts and staff
// promise (text, channel, validity, SERVQUAL items, owner), and the complaints that cite each
// promise (linked here, read through the complaints module).
import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canWrite, useSession } from '../../auth/session';
import { fmtLang, useFormat } from '../../lib/format';
import { DayInput } from '../../ui/DateField';
import { notifyError } from '../../ui/notify';
import { UnitSelect } from '../../ui/UnitSelect';
import {
  type TItemText,
  type TPromise,
  useAttributeCatalogue,
  useComplaintSearch,
  useDeletePromise,
  useLinkComplaint,
  useOwners,
  usePromise,
  usePromises,
  useSavePromise,
} from './api';
import { DiagnosticNav } from './Nav';

const CHANNELS = ['advertising', 'website', 'contract', 'script', 'staff', 'other'] as const;

export default function PromisesPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { user } = useSession();
  const writer = canWrite(user);
  const list = usePromises();
  const [editing, setEditing] = useState<TPromise | 'new' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const lang = fmtLang(i18n.language);
  const items = list.data?.servqualItems ?? [];
  const catalogue = useAttributeCatalogue();
  const attrName = new Map(
    (catalogue.data ?? []).map((a) => [a.id, lang === 'en' ? a.nameEn : a.nameEs]),
  );
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('diagnostic.promises.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('diagnostic.promises.intro')}
        </Text>
      </div>
      <DiagnosticNav />
      {writer && (
        <Group>
          <Button onClick={() => setEditing('new')}>{t('diagnostic.promises.new')}</Button>
        </Group>
      )}
      {list.isLoading && <Loader />}
      {list.data?.items.length === 0 && <Text>{t('diagnostic.promises.empty')}</Text>}
      {list.data?.items.map((p) => (
        <Card key={p.id} withBorder>
          <Group justify="space-between" align="flex-start">
            <div style={{ flex: '1 1 260px' }}>
              <Text fw={600}>{p.text}</Text>
              <Text size="xs" c="dimmed">
                {t(`diagnostic.channels.${p.channel}`)} ·{' '}
                {p.validFrom || p.validTo
                  ? `${p.validFrom ? f.date(p.validFrom) : '…'} – ${p.validTo ? f.date(p.validTo) : '…'}`
                  : t('diagnostic.promises.whole')}
                {p.ownerName ? ` · ${p.ownerName}` : ''}
              </Text>
              <Group gap={4} mt={4}>
                {p.servqualItems.map((n) => (
                  <Badge
                    key={n}
                    variant="light"
                    size="sm"
                    title={items.find((i) => i.n === n)?.text[lang]}
                  >
                    {t(`diagnostic.dims.${items.find((i) => i.n === n)?.dimension ?? 'tangibles'}`)}{' '}
                    · {n}
                  </Badge>
                ))}
              </Group>
              {p.attributeIds.length > 0 && (
                <Group gap={4} mt={4}>
                  <Text size="xs" c="dimmed">
                    {t('diagnostic.promises.attributes')}:
                  </Text>
                  {p.attributeIds.map((a) => (
                    <Badge key={a} variant="outline" color="grape" size="sm">
                      {attrName.get(a) ?? t('diagnostic.promises.attributeGone')}
                    </Badge>
                  ))}
                </Group>
              )}
            </div>
            <Stack gap={4} align="flex-end">
              <Badge color={Number(p.complaints) > 0 ? 'orange' : 'gray'} variant="light">
                {t('diagnostic.promises.complaintsCount', { count: Number(p.complaints) })}
              </Badge>
              <Group gap={4}>
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => setOpen(open === p.id ? null : p.id)}
                >
                  {t('diagnostic.promises.complaints')}
                </Button>
                {writer && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(p)}>
                    {t('diagnostic.promises.edit')}
                  </Button>
                )}
              </Group>
            </Stack>
          </Group>
          {open === p.id && <ComplaintLinks id={p.id} writer={writer} />}
        </Card>
      ))}
      {editing && (
        <PromiseForm
          promise={editing === 'new' ? null : editing}
          items={items}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function PromiseForm({
  promise,
  items,
  onClose,
}: {
  promise: TPromise | null;
  items: TItemText[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = fmtLang(i18n.language);
  const owners = useOwners();
  const save = useSavePromise();
  const del = useDeletePromise();
  const [id] = useState(() => promise?.id ?? crypto.randomUUID());
  const [text, setText] = useState(promise?.text ?? '');
  const [channel, setChannel] = useState<string>(promise?.channel ?? 'advertising');
  const [unitId, setUnitId] = useState(promise?.unitId ?? '');
  const [validFrom, setFrom] = useState(promise?.validFrom ?? '');
  const [validTo, setTo] = useState(promise?.validTo ?? '');
  const [sq, setSq] = useState<string[]>((promise?.servqualItems ?? []).map(String));
  const [attributeIds, setAttributes] = useState<string[]>(promise?.attributeIds ?? []);
  const [ownerId, setOwner] = useState<string | null>(promise?.ownerId ?? null);
  const catalogue = useAttributeCatalogue();
  const submit = () =>
    save.mutate(
      {
        id,
        create: !promise,
        body: {
          text,
          channel,
          unitId: unitId || null,
          validFrom: validFrom || null,
          validTo: validTo || null,
          servqualItems: sq.map(Number),
          attributeIds,
          ownerId,
        },
      },
      { onSuccess: onClose, onError: notifyError },
    );
  return (
    <Modal
      opened
      onClose={onClose}
      title={promise ? t('diagnostic.promises.edit') : t('diagnostic.promises.new')}
      size="lg"
    >
      <Stack gap="sm">
        <Textarea
          label={t('diagnostic.promises.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          required
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('diagnostic.promises.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`diagnostic.channels.${c}`) }))}
            value={channel}
            onChange={(v) => setChannel(v ?? 'other')}
            allowDeselect={false}
          />
          <UnitSelect
            includeAll
            label={t('diagnostic.promises.unit')}
            value={unitId}
            onChange={(v) => setUnitId(v ?? '')}
          />
          <DayInput
            label={t('diagnostic.promises.validFrom')}
            value={validFrom}
            onChange={setFrom}
          />
          <DayInput label={t('diagnostic.promises.validTo')} value={validTo} onChange={setTo} />
        </SimpleGrid>
        <MultiSelect
          label={t('diagnostic.promises.items')}
          searchable
          data={items.map((i) => ({
            value: String(i.n),
            label: t('diagnostic.promises.itemN', { n: i.n, text: i.text[lang] }),
          }))}
          value={sq}
          onChange={setSq}
        />
        <MultiSelect
          label={t('diagnostic.promises.attributes')}
          description={t('diagnostic.promises.attributesHelp')}
          searchable
          nothingFoundMessage={t('diagnostic.promises.noAttributes')}
          data={(catalogue.data ?? []).map((a) => ({
            value: a.id,
            label: lang === 'en' ? a.nameEn : a.nameEs,
          }))}
          value={attributeIds}
          onChange={setAttributes}
        />
        <Select
          label={t('diagnostic.promises.owner')}
          data={(owners.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={ownerId}
          onChange={setOwner}
          clearable
          searchable
        />
        <Group justify="space-between">
          {promise ? (
            <Button
              color="red"
              variant="subtle"
              onClick={() => {
                if (window.confirm(t('diagnostic.promises.deleteConfirm')))
                  del.mutate(promise.id, { onSuccess: onClose, onError: notifyError });
              }}
            >
              {t('diagnostic.promises.delete')}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('diagnostic.promises.cancel')}
            </Button>
            <Button onClick={submit} loading={save.isPending} disabled={!text.trim()}>
              {t('diagnostic.promises.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

function ComplaintLinks({ id, writer }: { id: string; writer: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const detail = usePromise(id);
  const link = useLinkComplaint(id);
  const [search, setSearch] = useState('');
  const found = useComplaintSearch(search);
  const linked = new Set((detail.data?.complaints ?? []).map((c) => c.id));
  return (
    <Stack gap="xs" mt="sm">
      {detail.data?.complaints.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('diagnostic.promises.noComplaints')}
        </Text>
      )}
      {detail.data?.complaints.map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap">
          <Text size="sm">
            {c.reference} · {c.subject} · {f.date(c.receivedAt)}
          </Text>
          {writer && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              onClick={() =>
                link.mutate({ complaintId: c.id, unlink: true }, { onError: notifyError })
              }
            >
              {t('diagnostic.promises.unlink')}
            </Button>
          )}
        </Group>
      ))}
      {writer && (
        <>
          <TextInput
            label={t('diagnostic.promises.findComplaint')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            size="xs"
          />
          {(found.data?.items ?? [])
            .filter((c) => !linked.has(c.id))
            .slice(0, 6)
            .map((c) => (
              <Group key={c.id} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {c.reference} · {c.subject}
                </Text>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => link.mutate({ complaintId: c.id }, { onError: notifyError })}
                >
                  {t('diagnostic.promises.link')}
                </Button>
              </Group>
            ))}
        </>
      )}
    </Stack>
  );
}
