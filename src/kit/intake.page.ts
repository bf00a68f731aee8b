import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { FieldError } from '../platform/errors.ts';
import type { IntakeView } from './intake.service.ts';

/**
 * The public intake page (§3.9), rendered on the server: it works without JavaScript, makes no
 * request elsewhere (system fonts, inline style), and is small enough for a phone on a poor
 * connection. Labels on every field, errors named beside their field and summarised at the top,
 * contrast above WCAG AA. Every value is escaped by `html`.
 */

export type FormValues = Partial<
  Record<'name' | 'email' | 'phone' | 'message' | 'heardFrom' | 'consent', string>
>;

type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

const style = raw(`
*{box-sizing:border-box}
body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f2b;background:#f4f6f8}
main{max-width:36rem;margin:0 auto;padding:1.25rem 1rem 3rem}
.card{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 .5rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.lede{font-size:1.1rem;margin:.25rem 0 1rem}
.muted{color:#4a5263}
label{display:block;font-weight:600;margin:1rem 0 .3rem}
.hint{font-weight:400;color:#4a5263}
input[type=text],input[type=email],input[type=tel],textarea{width:100%;font:inherit;padding:.65rem .75rem;border:2px solid #7a8294;border-radius:8px;background:#fff;color:inherit}
textarea{min-height:7rem;resize:vertical}
input:focus,textarea:focus,button:focus,a:focus{outline:3px solid #1d4ed8;outline-offset:2px}
[aria-invalid=true]{border-color:#b91c1c}
.error{color:#b91c1c;font-weight:600;margin:.25rem 0 0}
.summary{border:2px solid #b91c1c;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem;background:#fff5f5}
.summary a{color:#b91c1c}
.check{display:flex;gap:.6rem;align-items:flex-start;margin:1.25rem 0 0;font-weight:400}
.check input{width:1.4rem;height:1.4rem;margin:.15rem 0 0;flex:none}
button{margin-top:1.5rem;width:100%;font:inherit;font-weight:700;padding:.8rem;border:0;border-radius:8px;background:#1d4ed8;color:#fff;cursor:pointer}
button:hover{background:#1e40af}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
footer{margin-top:1.5rem;font-size:.95rem}
footer a{color:#1d4ed8}
`);

function layout(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>): Page {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<style>${style}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/** The form's own labels, for the error summary. */
const fieldLabels: Record<string, string> = {
  name: 'Your name',
  email: 'Email',
  phone: 'Phone',
  message: 'How can we help?',
  heardFrom: 'How did you hear about us?',
  consentToUpdate: 'Permission',
};

const errorId = (field: string) => `${field}-error`;

/** "is required." reads as "Your name is required."; a whole sentence stays as it is. */
const sayError = (e: FieldError) =>
  /^[a-z]/.test(e.message) ? `${fieldLabels[e.field] ?? e.field} ${e.message}` : e.message;

function fieldMessage(errors: readonly FieldError[], field: string) {
  const error = errors.find((e) => e.field === field);
  return error ? html`<p class="error" id="${errorId(field)}">${sayError(error)}</p>` : '';
}

const invalidAttrs = (errors: readonly FieldError[], field: string) =>
  errors.some((e) => e.field === field)
    ? raw(` aria-invalid="true" aria-describedby="${errorId(field)}"`)
    : '';

/** The form, empty or sent back with what was typed and each problem beside its field. */
export function intakeFormPage(
  view: IntakeView,
  values: FormValues = {},
  errors: readonly FieldError[] = [],
): Page {
  const who = view.referrerFirstName;
  const summary =
    errors.length > 0
      ? html`<div class="summary" role="alert" tabindex="-1">
<p><strong>Please check ${errors.length === 1 ? 'this field' : 'these fields'}:</strong></p>
<ul>${errors.map(
          (e) =>
            html`<li><a href="#${e.field === 'consentToUpdate' ? 'consent' : e.field}">${sayError(e)}</a></li>`,
        )}</ul></div>`
      : '';
  const heardOrConsent = who
    ? html`<label class="check"><input type="checkbox" id="consent" name="consent" value="yes"${
        values.consent === 'yes' ? raw(' checked') : ''
      }> <span>May we tell ${who} that you reached out? <span class="hint">(We never share what you write.)</span></span></label>`
    : html`<label for="heardFrom">How did you hear about us? <span class="hint">(optional)</span></label>
<input type="text" id="heardFrom" name="heardFrom" maxlength="200" value="${values.heardFrom ?? ''}"${invalidAttrs(errors, 'heardFrom')}>
${fieldMessage(errors, 'heardFrom')}`;
  return layout(
    `${view.practiceName} — get in touch`,
    html`<div class="card">
${who ? html`<p class="muted">${who} suggested you get in touch.</p>` : ''}
<h1>${view.practiceName}</h1>
${view.valueProposition ? html`<p class="lede">${view.valueProposition}</p>` : ''}
${view.idealClient ? html`<p class="muted">${view.idealClient}</p>` : ''}
<h2>Get in touch</h2>
${summary}
<form method="post" action="/r/${view.code}" novalidate>
<label for="name">Your name</label>
<input type="text" id="name" name="name" autocomplete="name" required maxlength="200" value="${values.name ?? ''}"${invalidAttrs(errors, 'name')}>
${fieldMessage(errors, 'name')}
<label for="email">Email <span class="hint">(email or phone, one is enough)</span></label>
<input type="email" id="email" name="email" autocomplete="email" maxlength="254" value="${values.email ?? ''}"${invalidAttrs(errors, 'email')}>
${fieldMessage(errors, 'email')}
<label for="phone">Phone</label>
<input type="tel" id="phone" name="phone" autocomplete="tel" maxlength="50" value="${values.phone ?? ''}"${invalidAttrs(errors, 'phone')}>
${fieldMessage(errors, 'phone')}
<label for="message">How can we help? <span class="hint">(optional)</span></label>
<textarea id="message" name="message" maxlength="2000"${invalidAttrs(errors, 'message')}>${values.message ?? ''}</textarea>
${fieldMessage(errors, 'message')}
${heardOrConsent}
<div class="trap" aria-hidden="true"><label for="website">Leave this empty</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">Send</button>
</form>
</div>
<footer><a href="/r/${view.code}/contact.vcf">Save ${view.practiceName} to your contacts</a></footer>`,
  );
}

/** After sending: what happens next, and nothing else (§3.9). */
export function intakeThanksPage(practiceName: string, nextStep: string): Page {
  return layout(
    `Thank you — ${practiceName}`,
    html`<div class="card" role="status"><h1>Thank you</h1><p class="lede">${nextStep}</p></div>`,
  );
}

/** Unknown and revoked links alike. */
export function intakeMissingPage(message: string): Page {
  return layout(
    'Link not active',
    html`<div class="card"><h1>This link is not active</h1><p>${message}</p></div>`,
  );
}

export function intakeTooManyPage(message: string): Page {
  return layout(
    'Please wait a little',
    html`<div class="card" role="alert"><h1>Please wait a little</h1><p>${message}</p></div>`,
  );
}
