-- The agent (代办员) representing the applicant on a case. The window records the agent at intake
-- or later; the agent follows the case (role scope `self`) and is told of its tolerant-acceptance
-- commitments, as the center is (DOMAIN.md workflow 2). Agency agreements will set it for their
-- projects.
alter table service_case add column agent_id bigint references app_user (id);
create index service_case_agent_idx on service_case (agent_id, id) where agent_id is not null;
