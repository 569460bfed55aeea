-- aws_s3 1.1 -> 1.2: a zero-byte object fails with the exact text RDS prints,
--   Unable to validate pre-signed URL. Error: HTTP 416. Check your arguments and try again.
-- (1.1 printed only its last two sentences). Nothing else changes; the library function is rewritten in place from
-- its own 1.1 definition, so the Python code exists once, in aws_s3--1.1.sql. A fresh CREATE EXTENSION installs 1.1
-- and applies this script (PostgreSQL follows the update path to default_version).
\echo Use "ALTER EXTENSION aws_s3 UPDATE TO '1.2'" to load this file. \quit

do $upgrade$
declare
    v_old constant text := '''HTTP 416. Check your arguments and try again.''';
    v_new constant text := '''Unable to validate pre-signed URL. Error: HTTP 416. Check your arguments and try again.''';
    v_def text := pg_get_functiondef('aws_s3._library()'::regprocedure);
begin
    if position(v_old in v_def) = 0 then
        raise exception 'aws_s3 1.1 -> 1.2: the 1.1 text of the zero-byte error was not found in aws_s3._library()'
            using errcode = 'XX000',
                  hint = 'drop extension aws_s3 cascade; create extension aws_s3 cascade (then re-run the migrations)';
    end if;
    execute replace(v_def, v_old, v_new);
end
$upgrade$;
