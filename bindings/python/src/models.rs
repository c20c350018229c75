//! The result classes `Message`, `Case`, `Contact`, `Participant`, `Sender`: immutable
//! wrappers of the core's parsed values that convert a field when it is read.
//!
//! Each class lists its fields once (Python name, core field, kind); the getters,
//! `_fields`, equality, `repr`, `to_dict` and pickling all follow from that list.

use pyo3::IntoPyObjectExt;
use pyo3::basic::CompareOp;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::json::ToPython;

/// Fields left out of `repr` (large or nested; reach them as attributes).
const NOT_IN_REPR: [&str; 11] = [
    "fields",
    "cases",
    "last_message",
    "extra",
    "raw",
    "meta",
    "case",
    "sender",
    "contact",
    "users",
    "client_details",
];

/// Reads one field of a core value as a Python object, by kind.
macro_rules! read {
    ($py:ident, $core:expr, $field:ident, value) => {
        $core.$field.clone().into_bound_py_any($py)
    };
    ($py:ident, $core:expr, $field:ident, json) => {
        $core.$field.to_python($py)
    };
    ($py:ident, $core:expr, $field:ident, body) => {
        $core.raw_json().unwrap_or_default().into_bound_py_any($py)
    };
    ($py:ident, $core:expr, $field:ident, one($class:ident)) => {
        $core
            .$field
            .clone()
            .map(|inner| $class { inner })
            .into_bound_py_any($py)
    };
    ($py:ident, $core:expr, $field:ident, boxed($class:ident)) => {
        $core
            .$field
            .clone()
            .map(|inner| $class { inner: *inner })
            .into_bound_py_any($py)
    };
    ($py:ident, $core:expr, $field:ident, many($class:ident)) => {
        $core
            .$field
            .iter()
            .cloned()
            .map(|inner| $class { inner })
            .collect::<Vec<_>>()
            .into_bound_py_any($py)
    };
}

/// Declares a result class over a core type: its getters and the shared methods.
macro_rules! model {
    (
        $(#[$doc:meta])*
        $name:ident($core:ty), reduce: $reduce:ident, renames: [$(($api:literal, $renamed:literal)),*] {
            $($py_name:literal => $field:ident: $kind:ident $(($class:ident))?),* $(,)?
        }
        $($methods:tt)*
    ) => {
        $(#[$doc])*
        #[pyclass(module = "acquire_io._native", frozen)]
        pub struct $name {
            pub(crate) inner: $core,
        }

        impl $name {
            /// The Python field names, in order.
            const FIELDS: &'static [&'static str] = &[$($py_name),*];
        }

        #[pymethods]
        impl $name {
            $(
                #[getter]
                #[pyo3(name = $py_name)]
                fn $field<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    read!(py, self.inner, $field, $kind $(($class))?)
                }
            )*

            /// The field names, in order.
            #[classattr]
            fn _fields(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                Ok(PyTuple::new(py, Self::FIELDS)?.unbind())
            }

            /// API names whose Python name is not their snake_case form.
            #[classattr]
            fn _renames(py: Python<'_>) -> PyResult<Py<PyDict>> {
                let renames = PyDict::new(py);
                $(renames.set_item($api, $renamed)?;)*
                Ok(renames.unbind())
            }

            /// Rebuilds an object from the JSON its pickled form holds.
            #[staticmethod]
            fn _from_json(json: &str) -> PyResult<Self> {
                from_json(json).map(|inner| $name { inner })
            }

            fn __richcmp__<'py>(
                slf: &Bound<'py, Self>,
                other: &Bound<'py, PyAny>,
                op: CompareOp,
            ) -> PyResult<Bound<'py, PyAny>> {
                compare(slf.as_any(), other, op, Self::FIELDS)
            }

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                repr(slf.as_any(), Self::FIELDS)
            }

            /// This object and its nested objects as plain dicts (snake_case keys).
            fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
                to_dict(slf.as_any(), Self::FIELDS)
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
                $reduce(slf.as_any(), &slf.get().inner)
            }

            $($methods)*
        }
    };
}

fn from_json<T: DeserializeOwned>(json: &str) -> PyResult<T> {
    serde_json::from_str(json)
        .map_err(|e| PyValueError::new_err(format!("not a pickled acquire_io model: {e}")))
}

/// Equal when of the same class with equal fields (`raw` aside).
fn compare<'py>(
    slf: &Bound<'py, PyAny>,
    other: &Bound<'py, PyAny>,
    op: CompareOp,
    fields: &[&str],
) -> PyResult<Bound<'py, PyAny>> {
    let py = slf.py();
    let not_implemented = || py.NotImplemented().into_bound(py);
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || !other.get_type().is(slf.get_type()) {
        return Ok(not_implemented());
    }
    let mut equal = true;
    for name in fields.iter().filter(|n| **n != "raw") {
        if !slf.getattr(*name)?.eq(other.getattr(*name)?)? {
            equal = false;
            break;
        }
    }
    (equal == matches!(op, CompareOp::Eq)).into_bound_py_any(py)
}

/// `Message(id=329, case_id=28, …)` with the short fields.
fn repr(slf: &Bound<'_, PyAny>, fields: &[&str]) -> PyResult<String> {
    let mut shown = Vec::new();
    for name in fields.iter().filter(|n| !NOT_IN_REPR.contains(n)) {
        shown.push(format!("{name}={}", slf.getattr(*name)?.repr()?));
    }
    let class = slf.get_type().name()?;
    Ok(format!("{class}({})", shown.join(", ")))
}

fn to_dict<'py>(slf: &Bound<'py, PyAny>, fields: &[&str]) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(slf.py());
    for name in fields.iter().filter(|n| **n != "raw") {
        dict.set_item(*name, plain(slf.getattr(*name)?)?)?;
    }
    Ok(dict)
}

/// A field's value with nested models (and lists of them) as dicts.
fn plain(value: Bound<'_, PyAny>) -> PyResult<Bound<'_, PyAny>> {
    if let Ok(list) = value.cast::<PyList>() {
        let items = list.iter().map(plain).collect::<PyResult<Vec<_>>>()?;
        return Ok(PyList::new(value.py(), items)?.into_any());
    }
    if value.is_instance_of::<Case>()
        || value.is_instance_of::<Message>()
        || value.is_instance_of::<Contact>()
        || value.is_instance_of::<Participant>()
        || value.is_instance_of::<Sender>()
    {
        return value.call_method0("to_dict");
    }
    Ok(value)
}

/// Pickles as the class's `_from_json` and the API's JSON of the value.
fn reduce_json<'py, T: Serialize>(
    slf: &Bound<'py, PyAny>,
    core: &T,
) -> PyResult<Bound<'py, PyTuple>> {
    let json = serde_json::to_string(core).unwrap_or_default();
    let rebuild = slf.get_type().getattr("_from_json")?;
    PyTuple::new(
        slf.py(),
        [rebuild, PyTuple::new(slf.py(), [json])?.into_any()],
    )
}

/// Pickles a message as its response body, read back the way the client reads it.
fn reduce_body<'py>(
    slf: &Bound<'py, PyAny>,
    message: &acquire_core::Message,
) -> PyResult<Bound<'py, PyTuple>> {
    let body = message.raw_json().unwrap_or_default().to_owned();
    let rebuild = slf.get_type().getattr("_from_body")?;
    PyTuple::new(
        slf.py(),
        [rebuild, PyTuple::new(slf.py(), [body])?.into_any()],
    )
}

model! {
    /// An agent or contact taking part in a case.
    Participant(acquire_core::Participant), reduce: reduce_json, renames: [("type", "participant_type")] {
        "id" => id: value,
        "case_id" => case_id: value,
        "participant_type" => participant_type: value,
        "user_id" => user_id: value,
        "role" => role: value,
        "status" => status: value,
        "closed" => closed: value,
        "meta" => meta: json,
        "date_created" => date_created: value,
        "date_last_assigned" => date_last_assigned: value,
        "extra" => extra: json,
    }
}

model! {
    /// The customer of a case.
    Contact(acquire_core::Contact), reduce: reduce_json, renames: [] {
        "id" => id: value,
        "client_type" => client_type: value,
        "client_name" => client_name: value,
        "client_version" => client_version: value,
        "client_os_name" => client_os_name: value,
        "client_os_version" => client_os_version: value,
        "client_device_type" => client_device_type: value,
        "client_device_vendor" => client_device_vendor: value,
        "client_device_model" => client_device_model: value,
        "client_details" => client_details: json,
        "meta" => meta: json,
        "archive" => archive: value,
        "company_id" => company_id: value,
        "date_created" => date_created: value,
        "date_updated" => date_updated: value,
        "fields" => fields: json,
        "cases" => cases: many(Case),
        "extra" => extra: json,
    }

    /// The e-mail address (from ``fields``), if the contact has one.
    #[getter]
    fn email(&self) -> Option<&str> {
        self.inner.email()
    }

    /// The name (from ``fields``), if the contact has one.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.name()
    }

    /// The phone number (from ``fields``), if the contact has one.
    #[getter]
    fn phone(&self) -> Option<&str> {
        self.inner.phone()
    }
}

model! {
    /// A conversation.
    Case(acquire_core::Case), reduce: reduce_json, renames: [] {
        "id" => id: value,
        "thread_id" => thread_id: value,
        "visit_id" => visit_id: value,
        "title" => title: value,
        "description" => description: value,
        "channel" => channel: value,
        "status" => status: value,
        "closing_state" => closing_state: value,
        "closed_by" => closed_by: value,
        "queue_id" => queue_id: value,
        "queue_order" => queue_order: value,
        "parent_id" => parent_id: value,
        "user_id" => user_id: value,
        "wait_time" => wait_time: value,
        "meta" => meta: json,
        "date_created" => date_created: value,
        "date_updated" => date_updated: value,
        "date_queue" => date_queue: value,
        "date_pending" => date_pending: value,
        "date_active" => date_active: value,
        "date_closed" => date_closed: value,
        "contact_id" => contact_id: value,
        "contact" => contact: one(Contact),
        "last_message" => last_message: boxed(Message),
        "users" => users: many(Participant),
        "extra" => extra: json,
    }
}

model! {
    /// The agent or contact that sent a message.
    Sender(acquire_core::Sender), reduce: reduce_json, renames: [("type", "sender_type")] {
        "id" => id: value,
        "name" => name: value,
        "first_name" => first_name: value,
        "last_name" => last_name: value,
        "photo" => photo: value,
        "email" => email: value,
        "client_id" => client_id: value,
        "parent_id" => parent_id: value,
        "sender_type" => sender_type: value,
        "access_level" => access_level: json,
        "departments" => departments: json,
        "roles" => roles: json,
        "meta_details" => meta_details: json,
        "extra" => extra: json,
    }
}

model! {
    /// A message stored in a conversation, as returned by `send_message`.
    Message(acquire_core::Message), reduce: reduce_body, renames: [] {
        "id" => id: value,
        "case_id" => case_id: value,
        "thread_id" => thread_id: value,
        "contact_id" => contact_id: value,
        "channel" => channel: value,
        "sender_type" => sender_type: value,
        "sender_id" => sender_id: value,
        "type" => message_type: value,
        "seen" => seen: value,
        "message" => message: value,
        "meta" => meta: json,
        "date_created" => date_created: value,
        "date_updated" => date_updated: value,
        "case" => case: one(Case),
        "sender" => sender: one(Sender),
        "extra" => extra: json,
        "raw" => raw: body,
    }

    /// The API's JSON for this message (the response's `data`), as a new dict (`raw` is
    /// the exact body text).
    #[getter]
    fn raw_data<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let body: serde_json::Value =
            serde_json::from_str(self.inner.raw_json().unwrap_or("{}")).unwrap_or_default();
        body.get("data").cloned().to_python(py)
    }

    /// Reads a Send Message response body (`{"data": {…}}`) as the client does.
    #[staticmethod]
    fn _from_body(body: &str) -> PyResult<Self> {
        acquire_core::Message::from_response_body(body)
            .map(|inner| Message { inner })
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }
}
