//! Settling many uncertain sends at once — what a resumed batch does with the items a crash
//! left begun — reading each case once for all of its items instead of once per item.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::SystemTime;

use chrono::{DateTime, Utc};

use crate::internal::lock;
use crate::settle::{Verdict, judge, unknown};
use crate::{Case, Client, Error, Message, SETTLE_CLOCK_SKEW, SendMessage, Settlement};

impl Client {
    /// Settles each `(message, since)` as [`Client::settle`] would, reading each case once
    /// (its thread listing and its message history) for all of its messages, `concurrency`
    /// cases at a time; answers in input order. Within a case, messages are matched to
    /// stored ones in input order, each stored message at most once: two sends of one text
    /// are two stored messages or one delivered and one not.
    pub(crate) fn settle_all(
        &self,
        sends: &[(&SendMessage, SystemTime)],
        concurrency: usize,
    ) -> Vec<Result<Settlement, Error>> {
        let mut cases: Vec<(i64, Vec<usize>)> = Vec::new();
        for (position, (message, _)) in sends.iter().enumerate() {
            match cases.iter_mut().find(|(id, _)| *id == message.case_id()) {
                Some((_, positions)) => positions.push(position),
                None => cases.push((message.case_id(), vec![position])),
            }
        }
        let answers: Vec<Mutex<Option<Result<Settlement, Error>>>> =
            sends.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        let work = || {
            while let Some((case_id, positions)) = cases.get(next.fetch_add(1, Ordering::Relaxed)) {
                let group: Vec<_> = positions.iter().map(|p| sends[*p]).collect();
                for (p, answer) in positions.iter().zip(self.settle_case(*case_id, &group)) {
                    *lock(&answers[*p]) = Some(answer);
                }
            }
        };
        thread::scope(|scope| {
            for _ in 1..concurrency.clamp(1, cases.len().max(1)) {
                scope.spawn(work);
            }
            work();
        });
        answers
            .into_iter()
            .map(|slot| {
                let answer = slot.into_inner().unwrap_or_else(|p| p.into_inner());
                answer.unwrap_or_else(|| {
                    Ok(unknown("the send was not settled (its case was not read)"))
                })
            })
            .collect()
    }

    /// The sends of one case, settled on one reading of it.
    fn settle_case(
        &self,
        case_id: i64,
        sends: &[(&SendMessage, SystemTime)],
    ) -> Vec<Result<Settlement, Error>> {
        let all = |answer: &dyn Fn() -> Result<Settlement, Error>| {
            sends.iter().map(|_| answer()).collect::<Vec<_>>()
        };
        type Read = Option<(Option<Message>, Option<Vec<Message>>)>;
        let read = || -> Result<Read, Error> {
            let case = match self.cases().get(case_id) {
                Ok(case) => case,
                Err(Error::Api(api)) if api.is_not_found() => return Ok(None),
                Err(err) => return Err(err),
            };
            let newest = self.newest_of(&case)?;
            let history = self.messages().history(case.id)?;
            Ok(Some((newest, history)))
        };
        let (newest, history) = match read() {
            Ok(None) => return all(&|| Ok(Settlement::NotDelivered)),
            // No history from the API: each send is settled on its own evidence.
            Ok(Some((_, None))) => {
                return sends
                    .iter()
                    .map(|(m, since)| self.settle(m, *since))
                    .collect();
            }
            Ok(Some((newest, Some(history)))) => (newest, history),
            Err(err) => {
                let reason = format!("the case could not be read: {err}");
                return all(&|| Ok(unknown(&reason)));
            }
        };
        // The history proves absence only when it reaches the case's newest message.
        let complete = match &newest {
            Some(newest) => history.iter().any(|m| m.id == newest.id),
            None => false,
        };
        let mut claimed = Vec::new();
        sends
            .iter()
            .map(|(message, since)| {
                let since = DateTime::<Utc>::from(*since) - SETTLE_CLOCK_SKEW;
                let found = history.iter().rev().find(|m| {
                    !claimed.contains(&m.id) && judge(m, message, since) == Verdict::Ours
                });
                Ok(match found {
                    Some(stored) => {
                        claimed.push(stored.id);
                        Settlement::Delivered(Box::new(stored.clone()))
                    }
                    None if complete || history.is_empty() && newest.is_none() => {
                        Settlement::NotDelivered
                    }
                    None => unknown("the case's message history does not reach its newest message"),
                })
            })
            .collect()
    }

    /// The case's newest message, as the thread listing gives it (`None` when it has none,
    /// or when the case has no contact to list it by).
    fn newest_of(&self, case: &Case) -> Result<Option<Message>, Error> {
        let Some(contact) = case.contact.as_ref().map(|c| c.id).or(case.contact_id) else {
            return Ok(None);
        };
        let thread = case.thread_id.unwrap_or(case.id);
        let listed = self.messages().thread(thread, contact)?;
        Ok(listed
            .into_iter()
            .find(|c| c.id == case.id)
            .and_then(|c| c.last_message.map(|m| *m)))
    }
}
