begin;
select plan(3);

select tests.po_world('2024-06-30');
-- After step 8: the client dropped IT-A at IT-S1 in an assortment it then locked (the pipeline still says STOCK),
-- and the pipeline's global assortment recommends NOT-STOCK for IT-B.
select tests.assortment_row('IT-A', 'IT-S1', 'STOCK', 'NOT-STOCK', 'locked');
select tests.assortment_row('IT-B', null, 'NOT-STOCK');
call cw_000901.step_po_recommendations('2024-06-30', null);

create temporary view tap_rec as
select products.erp_id as product, locations.erp_id as location, recommendations.*
from cw_000901.po_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations on locations.id = recommendations.location_id;

select is_empty($$ select * from tap_rec where product = 'IT-A' and location = 'IT-S1' $$,
                'a locked assortment''s client NOT-STOCK gets no purchase recommendation');
select is_empty($$ select * from tap_rec where product = 'IT-B' $$,
                'an effective NOT-STOCK (the pipeline''s, no client status) gets none');
select isnt_empty($$ select * from tap_rec where product = 'IT-A' and location = 'IT-DC' $$,
                  'other pairs of the product are still recommended');

select * from finish();
rollback;
