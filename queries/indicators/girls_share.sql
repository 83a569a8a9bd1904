-- id: girls_share
-- label: Part de filles parmi les participants
-- version: 1
-- definition: Nombre de filles divisé par le nombre de participations, calculé uniquement sur les groupes pour lesquels le nombre de filles a été renseigné. n est le nombre de participations de ces groupes ; la couverture est n divisé par toutes les participations de l'année (du public ou de l'action, pour le détail) : une part calculée sur moins de la moitié d'entre elles ne vaut que pour les groupes renseignés. Détail par public et par action.
-- numerator: Filles des groupes où leur nombre est renseigné, additionnées.
-- denominator: Participations de ces mêmes groupes (n).

-- Groups where "dont_filles" was left blank are left out of both the numerator
-- and the denominator: counting them as zero would understate the share.
-- They still count in the whole the share describes: coverage is the part of
-- the participations of the year (of the public) on which the share rests,
-- so that a share resting on few of them says so.
with attendance as (
    select public, action, participants, dont_filles as part
    from stg_participations_catalogued
    where campus = $campus and year = $year
),

headline as (
    select null as dimension, null as category,
        sum(part) as part,
        sum(participants) filter (where part is not null) as total,
        sum(participants) as whole
    from attendance
),

by_public as (
    select 'public' as dimension, public as category,
        sum(part) as part,
        sum(participants) filter (where part is not null) as total,
        sum(participants) as whole
    from attendance
    group by public
),

-- The action as the catalogue spells it, for the action sheets of the report.
by_action as (
    select 'action' as dimension, action as category,
        sum(part) as part,
        sum(participants) filter (where part is not null) as total,
        sum(participants) as whole
    from attendance
    group by action
),

all_rows as (
    select * from headline
    union all
    select * from by_public
    union all
    select * from by_action
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
    'part' as unit,
    cast(total as double) / cast(whole as double) as coverage
from all_rows
where total > 0
order by dimension nulls first, category
