// The editable trees of complaint categories and root causes: add (under a parent, with its
// SERVQUAL dimension), rename, move under another parent, deactivate/reactivate. Nodes are never
// deleted (closed cases keep pointing at them); inactive nodes are not offered for new cases.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { fieldErrorsOf, notifyError, notifyOk } from '../../../ui/notify';
import { PageLoader } from '../../../ui/PageLoader';
import { pick } from '../../../ui/pick';
import { DIMENSIONS, KEYS, type TCategory, useCategories } from './api';
import { flatten, subtree, type TNode } from './tree';

type Tree = TCategory['tree'];

function useDimensionOptions() {
  const { t } = useTranslation();
  return [
    { value: '', label: t('complaintsSettings.category.noDimension') },
    ...DIMENSIONS.map((d) => ({ value: d, label: t(`complaintsSettings.dimension.${d}`) })),
  ];
}

function NodeRow({ node, all, tree }: { node: TNode; all: TCategory[]; tree: Tree }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const dims = useDimensionOptions();
  const [mode, setMode] = useState<'view' | 'rename' | 'move'>('view');
  const [name, setName] = useState(node.cat.name);
  const [parent, setParent] = useState(node.cat.parentId ?? '');
  const [error, setError] = useState<string | undefined>();
  const c = node.cat;
  const patch = async (body: Record<string, unknown>) => {
    try {
      await api.patch(`/api/complaints/categories/${c.id}`, body);
      setMode('view');
      setError(undefined);
      await qc.invalidateQueries({ queryKey: KEYS.categories });
    } catch (e) {
      const fe = fieldErrorsOf(e);
      setError(Object.values(fe)[0]);
      notifyError(e);
    }
  };
  const blocked = subtree(all, c.id);
  const parentOptions = [
    { value: '', label: t('complaintsSettings.category.root') },
    ...flatten(all, tree)
      .filter((n) => !blocked.has(n.cat.id))
      .map((n) => ({ value: n.cat.id, label: n.path })),
  ];

  return (
    <Paper
      withBorder
      px="sm"
      py={6}
      ml={node.depth * 18}
      component="li"
      aria-label={node.path}
      style={{ opacity: c.active ? 1 : 0.65, listStyle: 'none' }}
    >
      {mode === 'rename' ? (
        <Group
          component="form"
          gap="xs"
          wrap="wrap"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void patch({ name });
          }}
        >
          <TextInput
            size="xs"
            aria-label={t('complaintsSettings.category.renameNamed', { name: c.name })}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            data-autofocus
            style={{ flex: 1, minWidth: 160 }}
          />
          <Button size="xs" type="submit">
            {t('common.save')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setMode('view')}>
            {t('common.cancel')}
          </Button>
        </Group>
      ) : mode === 'move' ? (
        <Group
          component="form"
          gap="xs"
          wrap="wrap"
          align="end"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void patch({ parentId: parent || null });
          }}
        >
          <Select
            size="xs"
            label={t('complaintsSettings.category.moveNamed', { name: c.name })}
            data={parentOptions}
            value={parent}
            onChange={(v) => setParent(v ?? '')}
            allowDeselect={false}
            searchable
            error={error}
            style={{ flex: 1, minWidth: 180 }}
          />
          <Button size="xs" type="submit">
            {t('common.save')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setMode('view')}>
            {t('common.cancel')}
          </Button>
        </Group>
      ) : (
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs" wrap="wrap">
            <Text size="sm" fw={node.depth === 0 ? 600 : 400}>
              {c.name}
            </Text>
            {!c.active && (
              <Badge size="xs" color="gray">
                {t('complaintsSettings.category.inactive')}
              </Badge>
            )}
          </Group>
          <Group gap={4} wrap="wrap">
            <Select
              size="xs"
              aria-label={t('complaintsSettings.category.dimensionOf', { name: c.name })}
              data={dims}
              value={c.servqualDimension ?? ''}
              onChange={(v) => patch({ servqualDimension: v || null })}
              allowDeselect={false}
              w={{ base: 150, sm: 190 }}
            />
            <ActionIcon
              variant="subtle"
              onClick={() => setMode('rename')}
              aria-label={t('complaintsSettings.category.renameNamed', { name: c.name })}
            >
              <span aria-hidden="true">✎</span>
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              onClick={() => setMode('move')}
              aria-label={t('complaintsSettings.category.moveNamed', { name: c.name })}
            >
              <span aria-hidden="true">⇅</span>
            </ActionIcon>
            <Button
              size="compact-xs"
              variant="subtle"
              color={c.active ? 'red' : 'teal'}
              onClick={() => patch({ active: !c.active })}
              aria-label={t(
                c.active
                  ? 'complaintsSettings.category.deactivateNamed'
                  : 'complaintsSettings.category.activateNamed',
                { name: c.name },
              )}
            >
              {c.active
                ? t('complaintsSettings.category.deactivate')
                : t('complaintsSettings.category.activate')}
            </Button>
          </Group>
        </Group>
      )}
    </Paper>
  );
}

export function CategoriesTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const cats = useCategories();
  const dims = useDimensionOptions();
  const [tree, setTree] = useState<Tree>('category');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [dimension, setDimension] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (cats.isPending) return <PageLoader />;
  if (cats.isError) return <Text c="red.8">{cats.error.message}</Text>;
  const nodes = flatten(cats.data, tree);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.post('/api/complaints/categories', {
        tree,
        parentId: parentId || null,
        name,
        servqualDimension: pick(DIMENSIONS, dimension) ?? null,
      });
      notifyOk(t('complaintsSettings.category.added', { name }));
      setName('');
      setErrors({});
      await qc.invalidateQueries({ queryKey: KEYS.categories });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      notifyError(err);
    }
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('complaintsSettings.category.intro')}
      </Text>
      <SegmentedControl
        aria-label={t('complaintsSettings.category.tree')}
        value={tree}
        onChange={(v) => {
          setTree(v === 'cause' ? 'cause' : 'category');
          setParentId('');
        }}
        data={[
          { value: 'category', label: t('complaintsSettings.category.categories') },
          { value: 'cause', label: t('complaintsSettings.category.causes') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <Paper withBorder p="md" component="form" onSubmit={add}>
        <Title order={2} size="h5" mb="xs">
          {tree === 'category'
            ? t('complaintsSettings.category.addCategory')
            : t('complaintsSettings.category.addCause')}
        </Title>
        <Group align="start" wrap="wrap" gap="xs">
          <TextInput
            label={t('complaintsSettings.category.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            style={{ flex: 2, minWidth: 180 }}
          />
          <Select
            label={t('complaintsSettings.category.parent')}
            data={[
              { value: '', label: t('complaintsSettings.category.root') },
              ...nodes.map((n) => ({ value: n.cat.id, label: n.path })),
            ]}
            value={parentId}
            onChange={(v) => setParentId(v ?? '')}
            searchable
            allowDeselect={false}
            error={errors.parentId}
            style={{ flex: 2, minWidth: 180 }}
          />
          <Select
            label={t('complaintsSettings.category.dimension')}
            data={dims}
            value={dimension}
            onChange={(v) => setDimension(v ?? '')}
            allowDeselect={false}
            style={{ flex: 1, minWidth: 150 }}
          />
        </Group>
        <Button type="submit" mt="sm">
          {t('complaintsSettings.category.add')}
        </Button>
      </Paper>
      {nodes.length === 0 ? (
        <Text c="dimmed">{t('complaintsSettings.category.empty')}</Text>
      ) : (
        <Stack gap={4} component="ul" p={0} m={0}>
          {nodes.map((n) => (
            <NodeRow key={n.cat.id} node={n} all={cats.data} tree={tree} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
