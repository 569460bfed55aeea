begin;
select plan(7);

-- Reference values: Python statistics.NormalDist.
select ok(abs(cw_global.normal_cdf(1.96) - 0.9750021048517795) < 2e-7, 'Phi(1.96) = 0.97500');
select ok(abs(cw_global.normal_quantile(0.95) - 1.6448536269514722) < 1e-8, 'Phi^-1(0.95) = 1.64485');
select ok(abs(cw_global.normal_loss(1) - 0.08331547058768) < 1e-7, 'G(1) = 0.083315');
select ok(abs(cw_global.normal_loss_inverse(0.08331547058768) - 1) < 1e-6, 'G^-1 inverts G');
select is(cw_global.normal_cdf(-1000), 0::float8, 'Phi far in the lower tail is 0, without an underflow error');
select is(cw_global.normal_loss(1000), 0::float8, 'G far in the upper tail is 0, without an underflow error');
select ok(abs(cw_global.normal_loss(-50) - 50) < 1e-9, 'G(k) = -k far in the lower tail');

select * from finish();
rollback;
