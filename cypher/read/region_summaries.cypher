// Per region: forces by kind, assessments, mean maturity, and forces below target somewhere.
MATCH (f:Force)
OPTIONAL MATCH (f)-[a:HAS_CAPABILITY]->(:Capability)
WITH f.region AS region, f,
     count(a) AS assessed,
     sum(a.maturity) AS maturitySum,
     sum(CASE WHEN a.maturity < a.target THEN a.target - a.maturity ELSE 0 END) AS gap,
     sum(CASE WHEN a.maturity < a.target THEN 1 ELSE 0 END) AS below
RETURN region,
       count(f) AS forces,
       sum(CASE WHEN f.kind = 'TERRITORIAL' THEN 1 ELSE 0 END) AS territorial,
       sum(assessed) AS assessments,
       CASE WHEN sum(assessed) = 0 THEN null ELSE toFloat(sum(maturitySum)) / sum(assessed) END AS meanMaturity,
       sum(gap) AS totalGap,
       sum(below) AS assessmentsBelowTarget
ORDER BY region
