import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkClaim } from '../../server/src/engine/memo/claims.js';
import { findings, md, plain, unitEngine } from '../helpers/engine.js';

/** The sentences flagged as unsourced claims in a Markdown memo. */
function unsourced(text: string, languageId = 'markdown'): string[] {
  const doc = languageId === 'markdown' ? md(text) : plain(text);
  return findings(unitEngine(), doc)
    .filter(([rule]) => rule === 'unsourced-claim')
    .map(([, covered]) => covered);
}

void describe('unsourced-claim', () => {
  void describe('fires on a checkable fact without a source', () => {
    void it('fires on a figure ("4 million") in English', () => {
      assert.deepEqual(unsourced('TikTok removed 4 million videos in Kazakhstan.'), ['TikTok removed 4 million videos in Kazakhstan.']);
    });

    void it('fires on a figure written with thousands separators ("100,000")', () => {
      assert.deepEqual(unsourced('Large platforms have 100,000 daily users.'), ['Large platforms have 100,000 daily users.']);
    });

    void it('fires on a percentage', () => {
      assert.deepEqual(unsourced('About 45% of users are teenagers.'), ['About 45% of users are teenagers.']);
    });

    void it('fires on a legal obligation ("must")', () => {
      assert.deepEqual(unsourced('Platforms must appoint a legal representative.'), ['Platforms must appoint a legal representative.']);
    });

    void it('fires on attributed speech ("said")', () => {
      assert.deepEqual(unsourced('The minister said that TikTok should be blocked.'), ['The minister said that TikTok should be blocked.']);
    });

    void it('fires on "according to"', () => {
      assert.deepEqual(unsourced('According to the ministry, the platform ignored the requests.'), ['According to the ministry, the platform ignored the requests.']);
    });

    void it('fires on a superlative', () => {
      assert.deepEqual(unsourced('TikTok is the most popular app among teenagers.'), ['TikTok is the most popular app among teenagers.']);
    });

    void it('fires on the date of an event ("in July 2023")', () => {
      assert.deepEqual(unsourced('The Law was adopted in July 2023.'), ['The Law was adopted in July 2023.']);
    });

    void it('fires on a figure and an attribution in Russian ("По данным …, 4 млн")', () => {
      assert.deepEqual(unsourced('По данным министерства, удалено 4 млн видео.'), ['По данным министерства, удалено 4 млн видео.']);
    });

    void it('fires on an obligation in Russian ("обязаны", "должны")', () => {
      assert.deepEqual(unsourced('Платформы обязаны назначить законного представителя.'), ['Платформы обязаны назначить законного представителя.']);
      assert.deepEqual(unsourced('Платформы должны назначить законного представителя.'), ['Платформы должны назначить законного представителя.']);
    });

    void it('fires on the date of an event in Russian ("в 2023 году", "с 2024")', () => {
      assert.deepEqual(unsourced('Закон вступил в силу 9 сентября 2023 года.'), ['Закон вступил в силу 9 сентября 2023 года.']);
      assert.deepEqual(unsourced('Реестр ведётся с 2024.'), ['Реестр ведётся с 2024.']);
    });

    void it('fires on an obligation in Kazakh ("міндетті")', () => {
      assert.deepEqual(unsourced('Платформа заңды өкіл тағайындауға міндетті.'), ['Платформа заңды өкіл тағайындауға міндетті.']);
    });

    void it('fires on attributed speech and a figure in Kazakh', () => {
      assert.deepEqual(unsourced('Министрліктің деректері бойынша 4 млн бейне жойылды.'), ['Министрліктің деректері бойынша 4 млн бейне жойылды.']);
    });

    void it('judges a bullet on its own', () => {
      assert.deepEqual(unsourced('- One point is general.\n- Platforms must pay fines.\n'), ['Platforms must pay fines.']);
    });

    void it('judges a table body cell on its own and reports only the cell\'s text', () => {
      assert.deepEqual(unsourced('| Measure | Threshold |\n|---|---|\n| Representative | 100,000 daily users |\n'), ['100,000 daily users']);
    });

    void it('fires in a plain-text memo too', () => {
      assert.deepEqual(unsourced('Platforms must comply.\n', 'plaintext'), ['Platforms must comply.']);
    });

    void it('says in its message why it fired', () => {
      const [d] = unitEngine().diagnostics(md('Kazakhstan had 14.1 million TikTok accounts.'), { rules: {} });
      assert.equal(d?.rule, 'unsourced-claim');
      assert.match(d!.message, /a figure \(14\.1 million\)/);
      assert.equal(d!.severity, 'warning');
    });
  });

  void describe('does not fire where there is no checkable fact', () => {
    void it('does not fire on a recommendation', () => {
      assert.deepEqual(unsourced('We recommend that the ministry publish 5 notices a year.'), []);
    });

    void it('does not fire on an opinion', () => {
      assert.deepEqual(unsourced('We believe platforms must be regulated.'), []);
    });

    void it('does not fire on a recommendation in Russian or Kazakh', () => {
      assert.deepEqual(unsourced('Рекомендуем требовать от платформ отчёт каждые 30 дней.'), []);
      assert.deepEqual(unsourced('Ұсынамыз: платформалар әр 30 күн сайын есеп жариялауға міндетті болсын.'), []);
    });

    void it('does not fire on plain prose without facts', () => {
      assert.deepEqual(unsourced('This note looks at the options.'), []);
    });

    void it('does not fire on a heading', () => {
      assert.deepEqual(unsourced('## Platforms must pay 100 million\n'), []);
    });

    void it('does not fire on code', () => {
      assert.deepEqual(unsourced('```\nPlatforms must pay 100 million.\n```\n\nUse `must pay 100` here.\n'), []);
    });

    void it('does not fire on front matter', () => {
      assert.deepEqual(unsourced('---\ntitle: Platforms must pay 100 million\n---\n\nThis note looks at the options.\n'), []);
    });

    void it('does not fire on a table header', () => {
      assert.deepEqual(unsourced('| Platforms must pay 100 |\n|---|\n| plain cell |\n'), []);
    });

    void it('does not fire on an HTML comment', () => {
      assert.deepEqual(unsourced('<!-- Platforms must pay 100 million. -->\n'), []);
    });

    void it('does not count a link URL\'s digits or words', () => {
      assert.deepEqual(unsourced('See [the text](https://example.com/2024/100/must).'), []);
    });

    void it('does not count the pinpoint of a citation as a figure', () => {
      assert.deepEqual(unsourced('See the register rules [@kz-online-platforms-2023, art. 12].'), []);
    });
  });

  void describe('does not fire on a sourced sentence', () => {
    void it('accepts a citation inside the sentence', () => {
      assert.deepEqual(unsourced('TikTok removed 4 million videos [@tiktok-kazinform-2024-04].'), []);
    });

    void it('accepts a citation written after the period', () => {
      assert.deepEqual(unsourced('TikTok removed 4 million videos. [@tiktok-kazinform-2024-04]'), []);
    });

    void it('accepts an in-text citation', () => {
      assert.deepEqual(unsourced('As @balaeva-2024-04-22 said, blocking TikTok should be considered.'), []);
    });

    void it('accepts a citation across a soft line break', () => {
      assert.deepEqual(unsourced('A platform with more than 100,000 daily users\nmust appoint a legal representative\n[@kz-online-platforms-2023, art. 9(1)].\n'), []);
    });

    void it('accepts a footnote marker before the period whose footnote cites a source', () => {
      assert.deepEqual(unsourced('TikTok removed 4 million videos[^1].\n\n[^1]: See [@tiktok-kazinform-2024-04].\n'), []);
    });

    void it('accepts a footnote marker after the period whose footnote cites a source', () => {
      assert.deepEqual(unsourced('TikTok removed 4 million videos.[^1] Nothing else.\n\n[^1]: See [@tiktok-kazinform-2024-04].\n'), []);
    });

    void it('still fires when the footnote carries no citation', () => {
      assert.deepEqual(unsourced('TikTok removed 4 million videos.[^1]\n\n[^1]: Our own estimate.\n'), ['TikTok removed 4 million videos.']);
    });

    void it('still fires when the only citation does not resolve', () => {
      assert.deepEqual(unsourced('TikTok removed 4 million videos [@no-such-key].'), ['TikTok removed 4 million videos [@no-such-key].']);
    });

    void it('accepts "Id." pointing back to an earlier citation', () => {
      assert.deepEqual(unsourced('TikTok answered the ministry [@tiktok-kazinform-2024-04]. It removed 4 million videos (Id.).'), []);
    });

    void it('does not accept "Id." when no citation comes before it', () => {
      assert.deepEqual(unsourced('It removed 4 million videos (Id.).'), ['It removed 4 million videos (Id.).']);
    });
  });

  void describe('checkClaim', () => {
    void it('reads a four-digit year alone as a date, not a figure', () => {
      assert.deepEqual(checkClaim('The ministry acted in 2023.').reasons, ['date']);
    });

    void it('keeps the words that made each reason as evidence', () => {
      const c = checkClaim('Platforms must remove 4 million videos.');
      assert.deepEqual(c.reasons, ['figure', 'obligation']);
      assert.deepEqual(c.evidence, ['4 million', 'must']);
    });
  });
});
