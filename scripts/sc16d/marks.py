#!/usr/bin/env python3
"""sc16d: an instrumented copy of a step-6 procedure file for profiling by CPU: before every statement at the body's
top level (4 spaces, after a statement's end: call, create, analyze, drop, alter, select, perform, if, insert, delete, update, with) and before
the final end, a notice with the backend's CPU (ns, /proc/self/schedstat) and the line; the procedure renamed
<name>_marked. Usage: marks.py FILE SCHEMA > out.sql"""
import re, sys
src, schema = open(sys.argv[1]).read(), sys.argv[2]
name = re.search(r'create or replace procedure \$\{schema\}\.(\w+)\(', src).group(1)
src = src.replace('${schema}.%s(' % name, '${schema}.%s_marked(' % name).replace('${schema}', schema)
out, body, last = [], False, ''
for i, line in enumerate(src.splitlines(), 1):
    code = line.split('--')[0].strip()
    if line.startswith('begin'):
        body = True
    elif body and (last.endswith(';') or last in ('begin', 'then', 'else')) and (
            re.match(r'    (call|create|analyze|drop|alter|select|perform|if|insert|delete|update|with)\b', line)
            or line == 'end'):
        label = line.strip()[:60].replace("'", "").replace('%', '')
        out.append("    raise notice 'CPUMARK %% %s', split_part(pg_read_file('/proc/self/schedstat'), ' ', 1);" % label)
        if line == 'end':
            body = False
    out.append(line)
    if code:
        last = 'begin' if line.startswith('begin') else code
print('\n'.join(out))
