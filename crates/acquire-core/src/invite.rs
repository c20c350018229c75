//! Handing a case to colleagues: Invite agent (`POST /crm/messenger/agent/invite-agent`).
//! An invitation is a write: like a send, it is not retried once it may have arrived.

use serde::Serialize;
use serde_json::{Value, json};

use crate::call::Call;
use crate::contacts::check_id;
use crate::error::Effect;
use crate::lenient::value as lenient;
use crate::{Cases, Error, RequestOptions};

/// Who to invite into a case ([`Cases::invite`]): agents, departments or both. Each gets
/// an in-app notification they can accept to join the conversation.
///
/// ```
/// use acquire_core::Invite;
///
/// let invite = Invite::new(28).agent(11).department(2);
/// assert_eq!(
///     invite.to_json().unwrap(),
///     r#"{"caseId":28,"agentIds":[11],"department":[2]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    case_id: i64,
    agent_ids: Vec<i64>,
    department_ids: Vec<i64>,
}

impl Invite {
    /// An invitation into this case (add at least one agent or department).
    pub fn new(case_id: i64) -> Self {
        Invite {
            case_id,
            agent_ids: Vec::new(),
            department_ids: Vec::new(),
        }
    }

    /// From plain values, as a language binding or command line takes them.
    pub fn from_fields(case_id: i64, agent_ids: Vec<i64>, department_ids: Vec<i64>) -> Self {
        Invite {
            case_id,
            agent_ids,
            department_ids,
        }
    }

    /// Invites this agent (an id from Settings > Users and Roles).
    pub fn agent(mut self, agent_id: i64) -> Self {
        self.agent_ids.push(agent_id);
        self
    }

    /// Invites this department's agents.
    pub fn department(mut self, department_id: i64) -> Self {
        self.department_ids.push(department_id);
        self
    }

    /// The case the invitation is for.
    pub fn case_id(&self) -> i64 {
        self.case_id
    }

    /// Checks the fields and returns the body that is sent: the case and every id must be
    /// positive, and there must be at least one agent or department (`agentIds`).
    pub fn to_json(&self) -> Result<String, Error> {
        check_id("caseId", self.case_id)?;
        if self.agent_ids.is_empty() && self.department_ids.is_empty() {
            return Err(Error::invalid_request(
                "agentIds",
                "name at least one agent or department to invite",
            ));
        }
        for &id in &self.agent_ids {
            check_id("agentIds", id)?;
        }
        for &id in &self.department_ids {
            check_id("department", id)?;
        }
        let mut body = json!({"caseId": self.case_id});
        if !self.agent_ids.is_empty() {
            body["agentIds"] = unique(&self.agent_ids).into();
        }
        if !self.department_ids.is_empty() {
            body["department"] = unique(&self.department_ids).into();
        }
        Ok(body.to_string())
    }
}

/// The ids in their first order, each once.
fn unique(ids: &[i64]) -> Vec<i64> {
    let mut seen = Vec::with_capacity(ids.len());
    for id in ids {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    seen
}

/// One invited agent, as Invite agent answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InvitedAgent {
    /// The agent.
    pub user_id: i64,
    /// Whether the agent was online.
    pub online: bool,
    /// Whether the notification was sent (Acquire answers `false` for an offline agent).
    pub sent: bool,
}

/// What Invite agent answered: each invited agent, by id.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Invitation {
    /// The invited agents (a department's too, when Acquire lists them), by id.
    pub agents: Vec<InvitedAgent>,
    /// The answer's `data` as it came.
    pub raw: Value,
}

impl Invitation {
    /// Reads the answer's `data`: a map from agent id to `{userId, online, sent}`; an
    /// entry that is not such an object is skipped (it stays in `raw`).
    pub(crate) fn from_data(raw: Value) -> Invitation {
        let mut agents: Vec<InvitedAgent> = raw
            .as_object()
            .into_iter()
            .flat_map(|map| map.iter())
            .filter_map(|(key, entry)| {
                let user_id = lenient::int(entry.get("userId")).or_else(|| key.parse().ok())?;
                Some(InvitedAgent {
                    user_id,
                    online: lenient::flag(entry.get("online")).unwrap_or(false),
                    sent: lenient::flag(entry.get("sent")).unwrap_or(false),
                })
            })
            .collect();
        agents.sort_by_key(|a| a.user_id);
        Invitation { agents, raw }
    }
}

impl Cases<'_> {
    /// Invites agents or departments into a case; they are notified and can join it.
    /// Checked before any request; not retried once it may have arrived.
    pub fn invite(&self, invite: &Invite) -> Result<Invitation, Error> {
        self.invite_with(invite, &RequestOptions::default())
    }

    /// [`Cases::invite`] with per-call timeouts and retries.
    pub fn invite_with(
        &self,
        invite: &Invite,
        options: &RequestOptions,
    ) -> Result<Invitation, Error> {
        let body = invite.to_json()?;
        let call = Call::post(
            "/crm/messenger/agent/invite-agent".into(),
            body,
            Effect::Write,
        );
        let raw: Value =
            self.client
                .request(&call, options, "{\"<agentId>\": {userId, online, sent}}")?;
        Ok(Invitation::from_data(raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_names_someone() {
        let err = Invite::new(28).to_json().unwrap_err();
        assert_eq!(err.fields().field.as_deref(), Some("agentIds"));
        let err = Invite::new(28).agent(0).to_json().unwrap_err();
        assert_eq!(err.fields().field.as_deref(), Some("agentIds"));
        let err = Invite::new(0).agent(1).to_json().unwrap_err();
        assert_eq!(err.fields().field.as_deref(), Some("caseId"));
        let twice = Invite::new(28).agent(1).agent(1).to_json().unwrap();
        assert_eq!(twice, r#"{"caseId":28,"agentIds":[1]}"#);
    }

    #[test]
    fn the_answer_is_read_by_agent() {
        let raw = json!({"11": {"userId": 11, "online": false, "sent": false},
                         "1": {"userId": "1", "online": true, "sent": true}, "x": 3});
        let invitation = Invitation::from_data(raw);
        let ids: Vec<_> = invitation.agents.iter().map(|a| a.user_id).collect();
        assert_eq!(ids, [1, 11]);
        assert!(invitation.agents[0].online && invitation.agents[0].sent);
    }
}
