// The fields a complaint is filed with, shared by the staff entry (NewCasePage: unit from the
// org tree, customer contact below) and the public form (PublicFormPage: the customer's own
// name and e-mail first, the branch from the form's list). Same labels as before per variant.
import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UnitSelect } from '../../ui/UnitSelect';

export interface TComplaintFieldValues {
  subject: string;
  description: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  unitId: string;
}
export const emptyComplaintFields: TComplaintFieldValues = {
  subject: '',
  description: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  unitId: '',
};

interface Props {
  variant: 'staff' | 'public';
  value: TComplaintFieldValues;
  onChange: (key: keyof TComplaintFieldValues, value: string) => void;
  /** field errors keyed like `value` */
  errors: Partial<Record<keyof TComplaintFieldValues, string>>;
  /** public variant: the branches the form offers (none: no unit field) */
  units?: { id: string; name: string }[];
}

export function ComplaintFields({ variant, value: v, onChange, errors, units = [] }: Props) {
  const { t } = useTranslation();
  const input = (k: keyof TComplaintFieldValues) => (e: { currentTarget: { value: string } }) =>
    onChange(k, e.currentTarget.value);
  const staff = variant === 'staff';

  const subject = (
    <TextInput
      label={t('complaints.field.subject')}
      required
      value={v.subject}
      onChange={input('subject')}
      error={errors.subject}
    />
  );
  const description = (
    <Textarea
      label={t(staff ? 'complaints.field.description' : 'complaints.public.description')}
      required
      autosize
      minRows={staff ? 4 : 5}
      value={v.description}
      onChange={input('description')}
      error={errors.description}
    />
  );

  if (staff)
    return (
      <>
        <UnitSelect
          label={t('complaints.field.unit')}
          value={v.unitId || null}
          onChange={(x) => onChange('unitId', x ?? '')}
          clearable
        />
        {subject}
        {description}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('complaints.field.contactName')}
            value={v.contactName}
            onChange={input('contactName')}
            error={errors.contactName}
          />
          <TextInput
            label={t('complaints.field.contactEmail')}
            type="email"
            value={v.contactEmail}
            onChange={input('contactEmail')}
            error={errors.contactEmail}
          />
          <TextInput
            label={t('complaints.field.contactPhone')}
            type="tel"
            value={v.contactPhone}
            onChange={input('contactPhone')}
            error={errors.contactPhone}
          />
        </SimpleGrid>
      </>
    );

  return (
    <>
      <TextInput
        label={t('complaints.public.name')}
        required
        value={v.contactName}
        onChange={input('contactName')}
        error={errors.contactName}
      />
      <TextInput
        label={t('complaints.public.email')}
        type="email"
        value={v.contactEmail}
        onChange={input('contactEmail')}
        error={errors.contactEmail}
      />
      {units.length > 0 && (
        <Select
          label={t('complaints.public.unit')}
          value={v.unitId || null}
          onChange={(x) => onChange('unitId', x ?? '')}
          data={units.map((u) => ({ value: u.id, label: u.name }))}
          clearable
        />
      )}
      {subject}
      {description}
    </>
  );
}
