// Builder preview: the respondent page's own Runner on the unsaved draft; nothing is submitted.
import type { TSurveyDefinition } from '@fidelia/contracts';
import { useState } from 'react';
import '../../respond/respond.css';
import type { TLang } from '@fidelia/contracts/survey-logic';
import { Runner } from '../../respond/Runner';

export default function Preview({
  definition,
  lang: initial,
}: {
  definition: TSurveyDefinition;
  lang: TLang;
}) {
  const [lang, setLang] = useState<TLang>(
    definition.languages.includes(initial) ? initial : definition.defaultLanguage,
  );
  return (
    <Runner
      key={lang}
      survey={{
        version: 0,
        definition,
        prefill: {},
        resume: null,
        orgName: 'Fidelia',
        kiosk: false,
      }}
      lang={lang}
      onLang={setLang}
      submitUrl={null}
      storageKey={null}
    />
  );
}
