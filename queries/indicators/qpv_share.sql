-- id: qpv_share
-- label: Part de participants habitant en QPV ou en ZRR
-- version: 1
-- definition: Nombre de participants habitant un quartier prioritaire de la politique de la ville (QPV) ou une zone de revitalisation rurale (ZRR), divisé par le nombre de participants, calculé uniquement sur les groupes pour lesquels ce nombre a été renseigné. n est le nombre de participants de ces groupes. Détail par public.

-- Groups where "dont_qpv_zrr" was left blank are left out of both the numerator
-- and the denominator: counting them as zero such participants would understate the share.
with counted as (
    select public, participants, dont_qpv_zrr as part
    from stg_participations
    where campus = $campus and year = $year
      and dont_qpv_zrr is not null
),

headline as (
    select null as dimension, null as category, sum(part) as part, sum(participants) as total
    from counted
),

by_public as (
    select 'public' as dimension, public as category, sum(part) as part, sum(participants) as total
    from counted
    group by public
),

all_rows as (
    select * from headline
    union all
    select * from by_public
)

-- A share of nobody is no figure: groups of zero participants give no row.
select
    cast(null as varchar) as survey,
    cast(dimension as varchar) as dimension,
    cast(category as varchar) as category,
    cast(part as double) / cast(total as double) as value,
    cast(total as bigint) as n,
    cast(null as double) as ci_low,
    cast(null as double) as ci_high,
    'part' as unit
from all_rows
where total > 0
order by dimension nulls first, category
