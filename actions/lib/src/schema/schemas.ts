// Every JSON Schema in schemas/, for the schema tests (the actions and the CLI use the validators
// compiled from the same files, compiled.cjs). A test checks this list against the directory, so a
// new schema file cannot be forgotten here.
import common from '../../../../schemas/common.schema.json' with { type: 'json' };
import incident from '../../../../schemas/incident.schema.json' with { type: 'json' };
import runbook from '../../../../schemas/runbook.schema.json' with { type: 'json' };
import firebreak from '../../../../schemas/firebreak-v1.schema.json' with { type: 'json' };
import config from '../../../../schemas/firebreak-v1-config.schema.json' with { type: 'json' };
import contributingFactors from '../../../../schemas/firebreak-v1-contributingfactors.schema.json' with { type: 'json' };
import errorBudgetPolicy from '../../../../schemas/firebreak-v1-errorbudgetpolicy.schema.json' with { type: 'json' };
import escalationPolicy from '../../../../schemas/firebreak-v1-escalationpolicy.schema.json' with { type: 'json' };
import followUpPolicy from '../../../../schemas/firebreak-v1-followuppolicy.schema.json' with { type: 'json' };
import onCallSchedule from '../../../../schemas/firebreak-v1-oncallschedule.schema.json' with { type: 'json' };
import postmortemPolicy from '../../../../schemas/firebreak-v1-postmortempolicy.schema.json' with { type: 'json' };
import service from '../../../../schemas/firebreak-v1-service.schema.json' with { type: 'json' };
import severities from '../../../../schemas/firebreak-v1-severities.schema.json' with { type: 'json' };
import team from '../../../../schemas/firebreak-v1-team.schema.json' with { type: 'json' };
import openslo from '../../../../schemas/openslo-v1.schema.json' with { type: 'json' };
import osloSlo from '../../../../schemas/openslo-v1-slo.schema.json' with { type: 'json' };
import osloSli from '../../../../schemas/openslo-v1-sli.schema.json' with { type: 'json' };
import osloService from '../../../../schemas/openslo-v1-service.schema.json' with { type: 'json' };
import osloAlertPolicy from '../../../../schemas/openslo-v1-alertpolicy.schema.json' with { type: 'json' };
import osloAlertCondition from '../../../../schemas/openslo-v1-alertcondition.schema.json' with { type: 'json' };
import osloAlertNotificationTarget from '../../../../schemas/openslo-v1-alertnotificationtarget.schema.json' with { type: 'json' };
import osloDataSource from '../../../../schemas/openslo-v1-datasource.schema.json' with { type: 'json' };

/** Keyed by $id, which is each file's name. */
export const SCHEMAS: Record<string, object> = Object.fromEntries(
  [
    common, incident, runbook, firebreak, config, contributingFactors, errorBudgetPolicy, escalationPolicy, followUpPolicy, onCallSchedule, postmortemPolicy, service, severities, team,
    openslo, osloSlo, osloSli, osloService, osloAlertPolicy, osloAlertCondition, osloAlertNotificationTarget, osloDataSource,
  ].map((schema) => [(schema as { $id: string }).$id, schema]),
);
