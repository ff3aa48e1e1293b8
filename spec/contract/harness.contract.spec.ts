// The harness itself: a request the document refuses must fail, one it allows must pass, and each patch of the
// document must change what Prism checks. Without these, a silent harness would pass every contract suite.
import { expect } from 'chai';
import { path } from '../../lib/path.js';
import { patchDocument, readDocument } from './openapi-document.js';
import { ContractViolationError, describeContract } from './prism.js';

async function violation(run: () => Promise<unknown>): Promise<ContractViolationError> {
  try {
    await run();
  } catch (error) {
    expect(error).to.be.instanceOf(ContractViolationError);
    return error as ContractViolationError;
  }
  throw new Error('expected Prism to reject the request');
}

describeContract('harness', (ctx) => {
  const integrations = () => path`/v2/apps/${ctx.appId}/integrations`;

  it('lets a documented request through and answers with the example', async () => {
    const body = await ctx.connection().request<{ app: { id: string } }>({
      method: 'GET',
      path: path`/v2/apps/${ctx.appId}`,
    });
    expect(body.app.id).to.be.a('string');
  });

  it('fails a body missing a required field (nullable beside allOf removed)', async () => {
    const error = await violation(() =>
      ctx.connection().request({ method: 'POST', path: '/v2/apps', json: {} }),
    );
    expect(error.message).to.include('POST /v2/apps').and.include('displayName');
  });

  it('fails an unknown path and a query out of range', async () => {
    await violation(() => ctx.connection().request({ method: 'GET', path: '/v2/nothing-here' }));
    const error = await violation(() =>
      ctx.connection().request({ method: 'GET', path: '/v2/apps', query: { 'page[size]': 500 } }),
    );
    expect(error.violations[0]!.status).to.equal(400);
    expect(JSON.stringify(error.violations[0]!.findings)).to.include('page.size');
  });

  it('checks a new integration against the schema of its type', async () => {
    await violation(() =>
      ctx.connection().request({ method: 'POST', path: integrations(), json: { type: 'telegram' } }),
    );
    await violation(() =>
      ctx.connection().request({ method: 'POST', path: integrations(), json: { type: 'nope' } }),
    );
    await ctx
      .connection()
      .request({ method: 'POST', path: integrations(), json: { type: 'telegram', token: 't' } });
  });

  it("accepts UpdateIntegration's own example body", async () => {
    await ctx.connection().request({
      method: 'PATCH',
      path: path`/v2/apps/${ctx.appId}/integrations/${'5e4af71a81966cfff3ef6550'}`,
      json: { displayName: 'My Test Integration' },
    });
  });

  it('patches the document where Prism needs it and nowhere else', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a whole OpenAPI document, walked freely
    const original: any = readDocument();
    const patched = patchDocument(readDocument()) as typeof original;
    const filter = patched.components.parameters.userFilterQuery.schema;
    expect(filter.required).to.deep.equal(['identities.email']);
    expect(filter.properties['identities.email']).not.to.have.property('required');
    const leftovers: unknown[] = [];
    JSON.stringify(patched, (_key, value) => {
      if (
        value &&
        typeof value === 'object' &&
        'allOf' in value &&
        !('type' in value) &&
        'nullable' in value
      ) {
        leftovers.push(value);
      }
      return value;
    });
    expect(leftovers).to.deep.equal([]);
    expect(Object.keys(patched.paths)).to.deep.equal(Object.keys(original.paths));
    // `nullable` beside a `type` is valid OpenAPI and stays.
    expect(patched.components.schemas.metadata).to.deep.equal(original.components.schemas.metadata);
    expect(patched.components.schemas.metadata.nullable).to.equal(true);
  });
});
