import { ConfigError, describeDatabase, loadConfig } from './config.js';

const url = 'postgresql://app:secret@db.internal:5432/accounts';

describe('loadConfig', () => {
  it('takes DATABASE_URL and defaults the rest', () => {
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({
      databaseUrl: url,
      port: 3000,
      host: '0.0.0.0',
    });
  });

  it('reads PORT', () => {
    expect(loadConfig({ DATABASE_URL: url, PORT: '8080' }).port).toBe(8080);
  });

  it.each([
    [{}, /DATABASE_URL is not set/],
    [{ DATABASE_URL: '  ' }, /DATABASE_URL is not set/],
    [
      { DATABASE_URL: 'localhost:5432' },
      /scheme "localhost": expected postgresql/,
    ],
    [{ DATABASE_URL: 'mysql://a@b/c' }, /scheme "mysql"/],
    [{ DATABASE_URL: 'not a url' }, /not a valid URL/],
    [{ DATABASE_URL: url, PORT: 'abc' }, /PORT is "abc"/],
    [{ DATABASE_URL: url, PORT: '0' }, /PORT is "0"/],
    [{ DATABASE_URL: url, PORT: '65536' }, /PORT is "65536"/],
    [{ DATABASE_URL: url, PORT: '1e3' }, /PORT is "1e3"/],
    [{ DATABASE_URL: url, PORT: '80.5' }, /PORT is "80.5"/],
  ])('rejects %o with one line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('describeDatabase', () => {
  it('names host, port and database without the password', () => {
    expect(describeDatabase(url)).toBe('db.internal:5432/accounts');
    expect(describeDatabase(url)).not.toContain('secret');
  });
});
