-- Step load: a document with a rejected line keeps no raw hash, so the next load prepares it again and records its
-- rejects again (docs/production.md, "The unchanged-row skip (raw hashes)").
create or replace procedure ${schema}.load_unhash_rejected_documents(p_documents text, p_lines text)
language plpgsql
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
begin
    execute format(
        'update pg_temp.%I as documents set raw_hash = null '
        'where exists (select from pg_temp.%I as lines '
        'where lines.doc_row = documents.src_row and lines.reject_code is not null)',
        'src_' || p_documents, 'src_' || p_lines
    );
end
$$;
comment on procedure ${schema}.load_unhash_rejected_documents(text, text) is
'Step load: clears the raw hash of every document of the work table src_<p_documents> that has a rejected line in '
'src_<p_lines>, so an unchanged copy of it is never skipped and its rejects are recorded on every load.';
