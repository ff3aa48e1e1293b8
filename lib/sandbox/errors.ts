/**
 * Errors the sandbox answers with, in the API's shape: `{"errors":[{"code","title"}]}`.
 */

/** An error response: status, code and title. Thrown by handlers, turned into a response by the router. */
export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
  ) {
    super(`${status} ${code}: ${title}`);
    this.name = 'SandboxHttpError';
  }

  /** The response body, as the API writes it. */
  body(): { errors: Array<{ code: string; title: string }> } {
    return { errors: [{ code: this.code, title: this.title }] };
  }
}

/** 400 `bad_request`. @example throw badRequest('displayName is required'); */
export function badRequest(title: string): SandboxHttpError {
  return new SandboxHttpError(400, 'bad_request', title);
}

/** 401 `unauthorized`. @example throw unauthorized('Invalid credentials'); */
export function unauthorized(title = 'Authorization is required'): SandboxHttpError {
  return new SandboxHttpError(401, 'unauthorized', title);
}

/** 403 `forbidden`. @example throw forbidden(); */
export function forbidden(title = 'The credentials do not allow this operation'): SandboxHttpError {
  return new SandboxHttpError(403, 'forbidden', title);
}

/** 404 with the spec's code for the missing resource. @example throw notFound('user_not_found', 'User'); */
export function notFound(code = 'not_found', what = 'Resource'): SandboxHttpError {
  return new SandboxHttpError(404, code, `${what} not found`);
}

/** 409 `conflict`. @example throw conflict('User already exists'); */
export function conflict(title: string): SandboxHttpError {
  return new SandboxHttpError(409, 'conflict', title);
}

/**
 * 501 `not_implemented`: no operation the sandbox serves has this method and path; names the operations the
 * path does have under other methods.
 * @example throw notImplemented('PUT /v2/apps/1', ['GetApp (GET)', 'UpdateApp (PATCH)']);
 */
export function notImplemented(request: string, others: string[] = []): SandboxHttpError {
  const hint = others.length ? `; this path serves ${others.join(', ')}` : '';
  return new SandboxHttpError(
    501,
    'not_implemented',
    `No operation of the v2 API that the sandbox serves is ${request}${hint}`,
  );
}
