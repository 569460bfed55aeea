-- aws_s3 as on Amazon RDS, implemented in PL/Python + boto3 for local clusters and CI (CatWing). The public functions
-- have RDS's names, signatures and return values; code written against them runs unchanged on RDS and here.
--
-- Where the local one finds S3 (RDS uses the instance's IAM role instead), read per call from settings that a DBA
-- puts into postgresql.conf or ALTER DATABASE/ROLE ... SET (CatWing's scripts/db.sh writes them for the embedded S3):
--   aws_s3.endpoint_url       e.g. http://127.0.0.1:54380 (path-style addressing); empty: AWS itself
--   aws_s3.access_key_id      } static keys; empty: explicit credentials of the call, else boto3's default chain
--   aws_s3.secret_access_key  } (environment of the server process, instance profile) -- the IAM role of RDS
--   aws_s3.region             the region the buckets are in (RDS: the instance's region); a call that names another
--                             region fails like a wrong region on RDS
--
-- The import and export functions deliberately run with the caller's search_path (no SET clause): table names and
-- queries are resolved as the caller's COPY would resolve them. Everything inside is schema-qualified, and they run
-- with the caller's privileges (security invoker): an import inserts as the caller, an export reads as the caller.
\echo Use "CREATE EXTENSION aws_s3" to load this file. \quit

create function aws_s3._library()
returns void
language plpython3u
volatile
set search_path = pg_catalog, pg_temp
as $python$
import io
import re
import gzip
import tempfile

import boto3
import botocore.config
import botocore.exceptions

ENCODINGS = {'UTF8': 'utf-8', 'SQL_ASCII': 'latin-1', 'LATIN1': 'latin-1', 'LATIN9': 'iso8859-15',
             'WIN1252': 'cp1252', 'WIN1250': 'cp1250', 'EUC_JP': 'euc_jp', 'SJIS': 'shift_jis', 'UTF-8': 'utf-8'}
REGION = re.compile(r'^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$')


def setting(name):
    value = plpy.execute("select pg_catalog.current_setting('aws_s3.%s', true) as v" % name)[0]['v']
    return value if value else None


def fail(message, sqlstate, detail=None, hint=None):
    extra = {}
    if detail is not None:
        extra['detail'] = detail
    if hint is not None:
        extra['hint'] = hint
    plpy.error(message, sqlstate=sqlstate, **extra)


def client(region, access_key, secret_key, session_token):
    if region is not None and region != '' and not REGION.match(region):
        fail('invalid AWS region "%s"' % region, '22023',
             hint='an AWS region name such as eu-central-1 (aws_commons.create_s3_uri(bucket, file_path, region))')
    configured = setting('region')
    if region and configured and region != configured:
        fail('The bucket is in this region: %s. Please use this region to retry the request (called with %s)'
             % (configured, region), '22023',
             hint='pass the region of the bucket; locally it is the setting aws_s3.region')
    region = region or configured or 'us-east-1'
    endpoint = setting('endpoint_url')
    if not access_key:
        access_key, secret_key, session_token = setting('access_key_id'), setting('secret_access_key'), None
    key = (region, endpoint, access_key, secret_key, session_token)
    cache = GD.setdefault('aws_s3_clients', {})
    if key not in cache:
        session = boto3.session.Session(aws_access_key_id=access_key or None,
                                        aws_secret_access_key=secret_key or None,
                                        aws_session_token=session_token or None)
        config = botocore.config.Config(connect_timeout=5, read_timeout=120, retries={'max_attempts': 3},
                                        s3={'addressing_style': 'path'} if endpoint else {})
        cache[key] = session.client('s3', region_name=region, endpoint_url=endpoint, config=config)
    return cache[key]


def s3_error(e, bucket, path):
    if isinstance(e, botocore.exceptions.ClientError):
        status = e.response.get('ResponseMetadata', {}).get('HTTPStatusCode')
        code = e.response.get('Error', {}).get('Code')
        if code in ('NoSuchKey', '404') or (status == 404 and code != 'NoSuchBucket'):
            fail('HTTP 404. Requested file does not exist.', '58P01', detail='s3://%s/%s' % (bucket, path),
                 hint='check the bucket and file_path of aws_commons.create_s3_uri')
        if code == 'NoSuchBucket':
            fail('HTTP 404. The specified bucket does not exist: %s' % bucket, '58P01',
                 hint='check the bucket of aws_commons.create_s3_uri')
        if code == 'InvalidRange' or status == 416:
            fail('HTTP 416. Check your arguments and try again.', '22000',
                 detail='s3://%s/%s is empty (0 bytes): aws_s3 cannot import a zero-byte object' % (bucket, path),
                 hint='a file with no rows still has content (a header, or an empty JSON array)')
        if status in (401, 403):
            fail('HTTP %s. Access denied to s3://%s/%s (%s)' % (status, bucket, path, code), '42501',
                 hint='locally: the settings aws_s3.access_key_id/secret_access_key; on RDS: the IAM role')
        fail('HTTP %s. S3 refused s3://%s/%s: %s' % (status, bucket, path, e), '58030')
    fail('S3 at %s could not be reached for s3://%s/%s: %s' % (setting('endpoint_url') or 'AWS', bucket, path, e),
         '58030', hint='is the S3 endpoint running? locally: cw s3 start, and the setting aws_s3.endpoint_url')


TOKEN = re.compile(r"\s*(?:(?P<e>[eE]'(?:[^'\\]|\\.|'')*')|(?P<s>'(?:[^']|'')*')|(?P<w>[A-Za-z_][A-Za-z0-9_]*)"
                   r"|(?P<n>-?\d+(?:\.\d+)?)|(?P<p>[(),*]))")
ESCAPES = {'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v'}


def tokens(text):
    out, pos = [], 0
    text = text or ''
    while pos < len(text):
        if text[pos:].strip() == '':
            break
        m = TOKEN.match(text, pos)
        if not m:
            fail('syntax error in COPY options at "%s"' % text[pos:].strip()[:20], '42601',
                 hint="COPY options as on RDS, e.g. '(format csv, header true)' or 'DELIMITER '','' CSV HEADER'")
        if m.group('e'):
            body = m.group('e')[2:-1].replace("''", "'")
            out.append(('s', re.sub(r'\\(.)', lambda x: ESCAPES.get(x.group(1), x.group(1)), body)))
        elif m.group('s'):
            out.append(('s', m.group('s')[1:-1].replace("''", "'")))
        elif m.group('w'):
            out.append(('w', m.group('w').lower()))
        elif m.group('n'):
            out.append(('s', m.group('n')))
        else:
            out.append(('p', m.group('p')))
        pos = m.end()
    return out


def options(text, exporting):
    """COPY options (the modern parenthesised list or the old keyword form) as a dict, validated like COPY."""
    t = tokens(text)
    o = {}

    def put(name, value):
        if name in o:
            fail('conflicting or redundant options: %s' % name, '42601')
        o[name] = value

    def modern(t):
        if t[-1] != ('p', ')'):
            fail('syntax error in COPY options: missing ")"', '42601')
        items, current = [], []
        for tok in t[1:-1]:
            if tok == ('p', ','):
                items.append(current)
                current = []
            else:
                current.append(tok)
        items.append(current)
        for item in items:
            if not item or item[0][0] != 'w':
                fail('syntax error in COPY options: %s' % text, '42601')
            name = item[0][1]
            rest = item[1:]
            if name in ('force_quote', 'force_not_null', 'force_null'):
                if rest == [('p', '*')]:
                    put(name, '*')
                else:
                    put(name, [tok[1] for tok in rest if tok[0] in ('w', 's')])
                continue
            if not rest:
                value = 'true'
            elif len(rest) == 1 and rest[0][0] in ('w', 's'):
                value = rest[0][1]
            else:
                fail('syntax error in COPY option %s' % name, '42601')
            put(name, value)

    def legacy(t):
        """The old keyword form (CSV HEADER DELIMITER ','); None when the text is not in it."""
        i = 0
        while i < len(t):
            kind, word = t[i]
            if kind != 'w':
                return None
            i += 1
            if word == 'with':
                continue
            if word in ('csv', 'binary'):
                put('format', word)
                continue
            if word == 'header':
                put('header', 'true')
                continue
            if word in ('delimiter', 'null', 'quote', 'escape', 'encoding'):
                if i < len(t) and t[i] == ('w', 'as'):
                    i += 1
                if i >= len(t) or t[i][0] != 's':
                    return None
                put(word, t[i][1])
                i += 1
                continue
            return None
        return o

    if t and t[0] == ('p', '('):
        modern(t)
    elif t and legacy(t) is None:
        # RDS also takes the parenthesised list without its parentheses: 'format csv, header true'.
        o.clear()
        modern([('p', '(')] + t + [('p', ')')])
    known = {'format', 'delimiter', 'null', 'header', 'quote', 'escape', 'encoding', 'force_quote',
             'force_not_null', 'force_null', 'freeze'}
    for name in o:
        if name not in known:
            fail('option "%s" not recognized' % name, '42601', hint='COPY options: see the PostgreSQL COPY docs')
    fmt = o.get('format', 'text')
    if fmt not in ('text', 'csv', 'binary'):
        fail('COPY format "%s" not recognized' % fmt, '22023', hint='format text, csv or binary')
    if fmt == 'binary':
        fail('COPY format binary is not supported by the local aws_s3 (RDS supports it)', '0A000',
             hint='use format text or csv with the local implementation')
    csv = fmt == 'csv'
    delimiter = o.get('delimiter', ',' if csv else '\t')
    if len(delimiter) != 1 or delimiter in '\r\n':
        fail('COPY delimiter must be a single one-byte character', '0A000' if len(delimiter) != 1 else '22023')
    quote = o.get('quote', '"')
    escape = o.get('escape', quote)
    if not csv and ('quote' in o or 'escape' in o):
        fail('COPY quote and escape are available only in CSV mode', '0A000')
    if csv and (len(quote) != 1 or len(escape) != 1):
        fail('COPY quote and escape must be a single one-byte character', '0A000')
    if csv and delimiter == quote:
        fail('COPY delimiter and quote must be different', '22023')
    header = str(o.get('header', 'false')).lower()
    if header not in ('true', 'false', 'on', 'off', '1', '0', 'match'):
        fail('header requires a Boolean value or "match"', '22023')
    encoding = o.get('encoding')
    if encoding is None:
        encoding = plpy.execute('show client_encoding')[0]['client_encoding']
    codec = ENCODINGS.get(encoding.upper().replace('-', '') if encoding.upper() != 'UTF-8' else 'UTF8')
    if codec is None:
        fail('%s is not a valid encoding name (or not supported by the local aws_s3)' % encoding, '22023',
             hint='e.g. UTF8, LATIN1, WIN1252')
    return {'csv': csv, 'delimiter': delimiter, 'null': o.get('null', '' if csv else '\\N'), 'quote': quote,
            'escape': escape, 'header': header in ('true', 'on', '1', 'match'), 'encoding': encoding.upper(),
            'codec': codec, 'force_quote': o.get('force_quote', []), 'force_not_null': o.get('force_not_null', []),
            'force_null': o.get('force_null', [])}


def terminator(line):
    if line.endswith('\r\n'):
        return line[:-2], '\r\n'
    if line.endswith('\n') or line.endswith('\r'):
        return line[:-1], line[-1]
    return line, ''


def text_records(lines, opt):
    delimiter, null = opt['delimiter'], opt['null']
    lineno = 0
    for line in lines:
        lineno += 1
        body, _ = terminator(line)
        if body == '\\.':
            return
        raw, current, i = [], [], 0
        while i < len(body):
            ch = body[i]
            if ch == '\\' and i + 1 < len(body):
                current.append(body[i:i + 2])
                i += 2
                continue
            if ch == delimiter:
                raw.append(''.join(current))
                current = []
            else:
                current.append(ch)
            i += 1
        raw.append(''.join(current))
        yield lineno, [None if field == null else unescape(field) for field in raw]


OCTAL = re.compile(r'\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)', re.S)


def unescape(field):
    if '\\' not in field:
        return field

    def one(m):
        s = m.group(1)
        if s[0] in '01234567':
            return chr(int(s, 8))
        if s[0] == 'x' and len(s) > 1:
            return chr(int(s[1:], 16))
        return ESCAPES.get(s, s)
    return OCTAL.sub(one, field)


def csv_records(lines, opt):
    delimiter, quote, escape, null = opt['delimiter'], opt['quote'], opt['escape'], opt['null']
    lineno = 0
    lines = iter(lines)
    for line in lines:
        lineno += 1
        first = lineno
        body, end = terminator(line)
        if body == '\\.':
            return
        fields, field, quoted, inside, i = [], [], False, False, 0
        while True:
            if i >= len(body):
                if inside:
                    following = next(lines, None)
                    if following is None:
                        fail('unterminated CSV quoted field', '22P04', detail='line %d' % first)
                    field.append(end)
                    lineno += 1
                    body, end = terminator(following)
                    i = 0
                    continue
                fields.append((''.join(field), quoted))
                break
            ch = body[i]
            if inside:
                if ch == escape and escape != quote and i + 1 < len(body) and body[i + 1] in (quote, escape):
                    field.append(body[i + 1])
                    i += 2
                    continue
                if ch == quote:
                    if escape == quote and i + 1 < len(body) and body[i + 1] == quote:
                        field.append(quote)
                        i += 2
                        continue
                    inside = False
                    i += 1
                    continue
                field.append(ch)
                i += 1
                continue
            if ch == delimiter:
                fields.append((''.join(field), quoted))
                field, quoted = [], False
            elif ch == quote:
                inside, quoted = True, True
            else:
                field.append(ch)
            i += 1
        yield first, [None if (not was_quoted and value == null) else value for value, was_quoted in fields]


class Raw(io.RawIOBase):
    """A botocore streaming body as a raw stream, so that gzip and text decoding can wrap it."""

    def __init__(self, body):
        self.body = body

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.body.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def table_columns(table_name, column_list):
    rel = plpy.execute(plpy.prepare('select $1::pg_catalog.regclass::pg_catalog.oid as oid', ['text']),
                       [table_name])[0]['oid']
    cols = plpy.execute(plpy.prepare(
        "select attname, pg_catalog.format_type(atttypid, null) as type from pg_catalog.pg_attribute "
        "where attrelid = $1 and attnum > 0 and not attisdropped and attgenerated = '' order by attnum",
        ['oid']), [rel])
    by_name = dict((c['attname'], c['type']) for c in cols)
    if column_list is None or column_list.strip() == '':
        return rel, [(c['attname'], c['type']) for c in cols]
    chosen = []
    for item in column_list.split(','):
        item = item.strip()
        name = item[1:-1].replace('""', '"') if item.startswith('"') and item.endswith('"') else item.lower()
        if name not in by_name:
            fail('column "%s" of relation "%s" does not exist' % (name, table_name), '42703')
        if name in [c for c, _ in chosen]:
            fail('column "%s" specified more than once' % name, '42701')
        chosen.append((name, by_name[name]))
    return rel, chosen


def import_object(table_name, column_list, options_text, bucket, file_path, region, access_key, secret_key,
                  session_token):
    if not bucket or not file_path:
        fail('bucket and file_path are required', '22023', hint='aws_commons.create_s3_uri(bucket, file_path, region)')
    opt = options(options_text, False)
    rel, columns = table_columns(table_name, column_list)
    s3 = client(region, access_key, secret_key, session_token)
    try:
        head = s3.head_object(Bucket=bucket, Key=file_path)
    except Exception as e:
        s3_error(e, bucket, file_path)
    size = head.get('ContentLength', 0)
    if size == 0:
        fail('HTTP 416. Check your arguments and try again.', '22000',
             detail='s3://%s/%s is empty (0 bytes): aws_s3 cannot import a zero-byte object' % (bucket, file_path),
             hint='a file with no rows still has content (a header, or an empty JSON array)')
    try:
        body = s3.get_object(Bucket=bucket, Key=file_path)['Body']
    except Exception as e:
        s3_error(e, bucket, file_path)
    stream = io.BufferedReader(Raw(body), 1 << 20)
    if (head.get('ContentEncoding') or '').lower() == 'gzip':
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream, mode='rb'), 1 << 20)
    text = io.TextIOWrapper(stream, encoding=opt['codec'], errors='strict', newline='')
    names = ', '.join(plpy.quote_ident(c) for c, _ in columns)
    values = ', '.join('u.c%d::%s' % (i, t) for i, (_, t) in enumerate(columns))
    aliases = ', '.join('c%d' % i for i in range(len(columns)))
    unnest = ', '.join('pg_catalog.unnest($%d::text[])' % (i + 1) for i in range(len(columns)))
    plan = plpy.prepare('insert into %s (%s) overriding system value select %s from rows from (%s) as u (%s)'
                        % (plpy.execute(plpy.prepare('select $1::pg_catalog.regclass::text as t', ['oid']),
                                        [rel])[0]['t'], names, values, unnest, aliases),
                        ['text[]'] * len(columns))
    parse = csv_records if opt['csv'] else text_records
    force_not_null = [c for c, _ in columns] if opt['force_not_null'] == '*' else opt['force_not_null']
    force_null = [c for c, _ in columns] if opt['force_null'] == '*' else opt['force_null']
    batch = [[] for _ in columns]
    batch_bytes, rows, skip_header = 0, 0, opt['header']
    try:
        for lineno, fields in parse(text, opt):
            if skip_header:
                skip_header = False
                continue
            if len(fields) > len(columns):
                fail('extra data after last expected column', '22P04',
                     detail='COPY %s, line %d of s3://%s/%s' % (table_name, lineno, bucket, file_path))
            if len(fields) < len(columns):
                fail('missing data for column "%s"' % columns[len(fields)][0], '22P04',
                     detail='COPY %s, line %d of s3://%s/%s' % (table_name, lineno, bucket, file_path))
            for i, value in enumerate(fields):
                name = columns[i][0]
                if value is None and name in force_not_null:
                    value = ''
                if value == opt['null'] and name in force_null:
                    value = None
                batch[i].append(value)
                batch_bytes += len(value) if value else 0
            rows += 1
            if batch_bytes > (8 << 20) or len(batch[0]) >= 20000:
                plpy.execute(plan, batch)
                batch = [[] for _ in columns]
                batch_bytes = 0
        if batch and batch[0]:
            plpy.execute(plan, batch)
    except UnicodeDecodeError as e:
        fail('invalid byte sequence for encoding "%s": 0x%s' % (opt['encoding'], e.object[e.start:e.start + 1].hex()),
             '22021', detail='s3://%s/%s' % (bucket, file_path))
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        if isinstance(e, (EOFError, gzip.BadGzipFile)) or 'gzip' in str(e).lower():
            fail('corrupt gzip stream in s3://%s/%s: %s' % (bucket, file_path, e), '22000',
                 hint='an object with Content-Encoding gzip must hold gzip data')
        s3_error(e, bucket, file_path)
    except botocore.exceptions.BotoCoreError as e:
        s3_error(e, bucket, file_path)
    return '%d rows imported into relation "%s" from file %s of %d bytes' % (rows, table_name, file_path, size)


def csv_field(value, opt, forced):
    if value is None:
        return opt['null']
    q, e, d = opt['quote'], opt['escape'], opt['delimiter']
    if forced or value == '' or value == opt['null'] or any(c in value for c in (d, q, '\r', '\n')) \
            or value == '\\.' or value.startswith(' ') or value.endswith(' '):
        return q + value.replace(e, e + e).replace(q, e + q) if e != q else q + value.replace(q, q + q) + q
    return value


def text_field(value, opt):
    if value is None:
        return opt['null']
    out = []
    for ch in value:
        if ch == '\\':
            out.append('\\\\')
        elif ch == opt['delimiter']:
            out.append('\\' + ch)
        elif ch in '\b\f\n\r\t\v':
            out.append('\\' + {'\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v'}[ch])
        else:
            out.append(ch)
    return ''.join(out)


def export_query(query, bucket, file_path, region, options_text, kms_key):
    if not bucket or not file_path:
        fail('bucket and file_path are required', '22023', hint='aws_commons.create_s3_uri(bucket, file_path, region)')
    opt = options(options_text, True)
    body = (query or '').strip().rstrip(';')
    if body == '':
        fail('query is empty', '22023', hint='aws_s3.query_export_to_s3(''select ...'', s3_info, options)')
    s3 = client(region, None, None, None)
    columns = plpy.execute('select * from (%s) as q limit 0' % body).colnames()
    texts = ', '.join('case when q.c%d is null then null else pg_catalog.format(\'%%s\', q.c%d) end' % (i, i)
                      for i in range(len(columns)))
    aliases = ', '.join('c%d' % i for i in range(len(columns)))
    cursor = plpy.cursor('select array[%s]::text[] as fields from (%s) as q (%s)' % (texts, body, aliases))
    forced = columns if opt['force_quote'] == '*' else opt['force_quote']
    rows = 0
    codec = opt['codec']
    with tempfile.TemporaryFile() as spool:
        if opt['header']:
            spool.write((opt['delimiter'].join(csv_field(c, opt, False) if opt['csv'] else text_field(c, opt)
                                               for c in columns) + '\n').encode(codec))
        try:
            while True:
                chunk = cursor.fetch(10000)
                if not chunk:
                    break
                lines = []
                for row in chunk:
                    fields = row['fields']
                    if opt['csv']:
                        lines.append(opt['delimiter'].join(csv_field(v, opt, columns[i] in forced)
                                                           for i, v in enumerate(fields)))
                    else:
                        lines.append(opt['delimiter'].join(text_field(v, opt) for v in fields))
                    rows += 1
                spool.write(('\n'.join(lines) + '\n').encode(codec))
        except UnicodeEncodeError as e:
            fail('character %r has no equivalent in encoding "%s"' % (e.object[e.start:e.end], opt['encoding']),
                 '22P05')
        size = spool.tell()
        spool.seek(0)
        extra = {'ServerSideEncryption': 'aws:kms', 'SSEKMSKeyId': kms_key} if kms_key else {}
        try:
            s3.upload_fileobj(spool, bucket, file_path, ExtraArgs=extra)
        except Exception as e:
            s3_error(e, bucket, file_path)
    return rows, 1, size


GD['aws_s3'] = {'import_object': import_object, 'export_query': export_query}
$python$;
comment on function aws_s3._library() is
'Internal: loads the Python code of the local aws_s3 into the session (GD). Not part of the RDS API.';

create function aws_s3._import_py(
    table_name text, column_list text, options text, bucket text, file_path text, region text,
    access_key text, secret_key text, session_token text
)
returns text
language plpython3u
volatile
as $python$
if 'aws_s3' not in GD:
    plpy.execute('select aws_s3._library()')
return GD['aws_s3']['import_object'](table_name, column_list, options, bucket, file_path, region, access_key,
                                     secret_key, session_token)
$python$;
comment on function aws_s3._import_py(text, text, text, text, text, text, text, text, text) is
'Internal: the import behind every aws_s3.table_import_from_s3 overload, in Python. Not part of the RDS API.';

create function aws_s3._export_py(
    query text, bucket text, file_path text, region text, options text, kms_key text,
    out rows_uploaded bigint, out files_uploaded bigint, out bytes_uploaded bigint
)
language plpython3u
volatile
as $python$
if 'aws_s3' not in GD:
    plpy.execute('select aws_s3._library()')
return GD['aws_s3']['export_query'](query, bucket, file_path, region, options, kms_key)
$python$;
comment on function aws_s3._export_py(text, text, text, text, text, text) is
'Internal: the export behind both aws_s3.query_export_to_s3 overloads, in Python. Not part of the RDS API.';

-- PL/Python prefixes the message of an error raised in Python with the exception's class ("plpy.Error: ",
-- "spiexceptions.InvalidTextRepresentation: "). These wrappers re-raise the same error (SQLSTATE, detail, hint) with
-- the message as PostgreSQL or RDS would print it.
create function aws_s3._reraise(p_state text, p_message text, p_detail text, p_hint text)
returns void
language plpgsql
immutable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_message text := regexp_replace(p_message, '^(plpy\.[A-Za-z]+|spiexceptions\.[A-Za-z]+): ', '');
begin
    if coalesce(p_detail, '') <> '' and coalesce(p_hint, '') <> '' then
        raise exception using errcode = p_state, message = v_message, detail = p_detail, hint = p_hint;
    elsif coalesce(p_detail, '') <> '' then
        raise exception using errcode = p_state, message = v_message, detail = p_detail;
    elsif coalesce(p_hint, '') <> '' then
        raise exception using errcode = p_state, message = v_message, hint = p_hint;
    end if;
    raise exception using errcode = p_state, message = v_message;
end
$$;
comment on function aws_s3._reraise(text, text, text, text) is
'Internal: raises an error caught from the Python code again, without the Python class name in its message.';

create function aws_s3._import(
    table_name text, column_list text, options text, bucket text, file_path text, region text,
    access_key text, secret_key text, session_token text
)
returns text
language plpgsql
volatile
as $$
declare
    v_state   text;
    v_message text;
    v_detail  text;
    v_hint    text;
begin
    return aws_s3._import_py(table_name, column_list, options, bucket, file_path, region, access_key, secret_key,
                             session_token);
exception when others then
    get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail,
        v_hint = pg_exception_hint;
    perform aws_s3._reraise(v_state, v_message, v_detail, v_hint);
end
$$;
comment on function aws_s3._import(text, text, text, text, text, text, text, text, text) is
'Internal: the import behind every aws_s3.table_import_from_s3 overload. Runs with the caller''s search_path and '
'privileges. Not part of the RDS API.';

create function aws_s3._export(
    query text, bucket text, file_path text, region text, options text, kms_key text,
    out rows_uploaded bigint, out files_uploaded bigint, out bytes_uploaded bigint
)
language plpgsql
volatile
as $$
declare
    v_state   text;
    v_message text;
    v_detail  text;
    v_hint    text;
begin
    select exported.rows_uploaded, exported.files_uploaded, exported.bytes_uploaded
    into rows_uploaded, files_uploaded, bytes_uploaded
    from aws_s3._export_py(query, bucket, file_path, region, options, kms_key) as exported;
exception when others then
    get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail,
        v_hint = pg_exception_hint;
    perform aws_s3._reraise(v_state, v_message, v_detail, v_hint);
end
$$;
comment on function aws_s3._export(text, text, text, text, text, text) is
'Internal: the export behind both aws_s3.query_export_to_s3 overloads. Runs with the caller''s search_path and '
'privileges. Not part of the RDS API.';

create function aws_s3.table_import_from_s3(
    table_name text,
    column_list text,
    options text,
    s3_info aws_commons._s3_uri_1,
    credentials aws_commons._aws_credentials_1 default null
)
returns text
language sql
volatile
as $$
    select aws_s3._import(table_name, column_list, options, (s3_info).bucket, (s3_info).file_path,
                          (s3_info).region, (credentials).access_key, (credentials).secret_key,
                          (credentials).session_token)
$$;
comment on function aws_s3.table_import_from_s3(text, text, text, aws_commons._s3_uri_1,
                                                  aws_commons._aws_credentials_1) is
'As on RDS: imports an S3 object into a table with COPY options (format text or csv, delimiter, null, header, quote, '
'escape, encoding, force_not_null, force_null); gzip objects need Content-Encoding gzip. Returns '
'"N rows imported into relation "T" from file F of B bytes".';

create function aws_s3.table_import_from_s3(
    table_name text,
    column_list text,
    options text,
    bucket text,
    file_path text,
    region text,
    access_key text default null,
    secret_key text default null,
    session_token text default null
)
returns text
language sql
volatile
as $$
    select aws_s3._import(table_name, column_list, options, bucket, file_path, region, access_key, secret_key,
                          session_token)
$$;
comment on function aws_s3.table_import_from_s3(text, text, text, text, text, text, text, text, text) is
'As on RDS: the bucket, file_path, region (and optional keys) form of table_import_from_s3.';

create function aws_s3.query_export_to_s3(
    query text,
    s3_info aws_commons._s3_uri_1,
    options text default null,
    kms_key text default null,
    out rows_uploaded bigint,
    out files_uploaded bigint,
    out bytes_uploaded bigint
)
language sql
volatile
as $$
    select * from aws_s3._export(query, (s3_info).bucket, (s3_info).file_path, (s3_info).region, options, kms_key)
$$;
comment on function aws_s3.query_export_to_s3(text, aws_commons._s3_uri_1, text, text) is
'As on RDS: writes the result of a query to one S3 object in COPY format (text or csv options); returns the rows, '
'files and bytes uploaded.';

create function aws_s3.query_export_to_s3(
    query text,
    bucket text,
    file_path text,
    region text default null,
    options text default null,
    kms_key text default null,
    out rows_uploaded bigint,
    out files_uploaded bigint,
    out bytes_uploaded bigint
)
language sql
volatile
as $$
    select * from aws_s3._export(query, bucket, file_path, region, options, kms_key)
$$;
comment on function aws_s3.query_export_to_s3(text, text, text, text, text, text) is
'As on RDS: the bucket, file_path, region form of query_export_to_s3.';

