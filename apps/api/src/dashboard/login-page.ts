/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/**
 * The dashboard's login form. A browser cannot send a Bearer header, so an
 * admin pastes the key here once; the API answers with a signed session
 * cookie. The key goes in a POST body, never the URL.
 */
export function loginPage(action: string, message?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Errand dashboard: log in</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f5f7;display:flex;justify-content:center;padding-top:15vh}
form{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;width:22rem}
input,button{width:100%;box-sizing:border-box;padding:.6rem;margin-top:.6rem;font-size:1rem}
p.error{color:#b00020}
</style>
</head>
<body>
<form method="post" action="${escapeHtml(action)}">
<h1>Errand dashboard</h1>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
<label for="key">Admin API key</label>
<input id="key" name="key" type="password" autocomplete="off" required autofocus>
<button type="submit">Log in</button>
</form>
</body>
</html>
`;
}
