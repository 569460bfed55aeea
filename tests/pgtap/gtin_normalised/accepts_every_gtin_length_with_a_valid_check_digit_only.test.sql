begin;
select plan(6);

select is(cw_000901.gtin_normalised('4006381333931'), '04006381333931', 'an EAN-13 with its check digit, as 14 digits');
select is(cw_000901.gtin_normalised('96385074'), '00000096385074', 'an EAN-8 is padded to 14 digits');
select is(cw_000901.gtin_normalised('036000291452'), '00036000291452', 'a UPC-A (12 digits) is padded to 14 digits');
select is(cw_000901.gtin_normalised('4006381333932'), null, 'a wrong check digit gives null');
select is(cw_000901.gtin_normalised('12345'), null, 'a code of another length gives null');
select is(cw_000901.gtin_normalised('4006 381333931'), null, 'a code with a space gives null');

select * from finish();
rollback;
