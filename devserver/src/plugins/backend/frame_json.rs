//! A data frame as the plugin sends it (Arrow IPC, Grafana's `data.Frame.MarshalArrow`)
//! turned into the JSON that `/api/ds/query` answers with (Grafana's `data/frame_json.go`):
//! `{"schema": {"name", "refId", "meta", "fields": [{"name", "type", "typeInfo":
//! {"frame", "nullable"}, "labels", "config"}]}, "data": {"values": [[…], …]}}`. Times are
//! epoch milliseconds, with the sub-millisecond rest in `data.nanos` when there is one.

use grafana_plugin_sdk::arrow2::array::{Array, BooleanArray, PrimitiveArray, Utf8Array};
use grafana_plugin_sdk::arrow2::datatypes::{DataType, Field, TimeUnit};
use grafana_plugin_sdk::arrow2::io::ipc::read::{read_file_metadata, FileReader};
use serde_json::{json, Map, Value};

/// Why a frame could not be read (the plugin sent something that is not an Arrow frame).
#[derive(Debug, thiserror::Error)]
#[error("the plugin sent a data frame that cannot be read: {0}")]
pub struct FrameError(String);

/// The JSON of one Arrow IPC frame.
pub fn frame_json(arrow: &[u8]) -> Result<Value, FrameError> {
    let mut cursor = std::io::Cursor::new(arrow);
    let metadata = read_file_metadata(&mut cursor).map_err(|e| FrameError(e.to_string()))?;
    let schema = metadata.schema.clone();
    let mut columns: Vec<Vec<Value>> = vec![Vec::new(); schema.fields.len()];
    let mut nanos: Vec<Option<Vec<Value>>> = vec![None; schema.fields.len()];
    for chunk in FileReader::new(cursor, metadata, None, None) {
        let chunk = chunk.map_err(|e| FrameError(e.to_string()))?;
        for (i, array) in chunk.arrays().iter().enumerate() {
            let (Some(column), Some(rest)) = (columns.get_mut(i), nanos.get_mut(i)) else {
                return Err(FrameError("more columns than fields".to_owned()));
            };
            push_values(array.as_ref(), column, rest)?;
        }
    }
    let fields: Vec<Value> = schema.fields.iter().map(field_json).collect();
    let mut schema_json = Map::new();
    for key in ["name", "refId"] {
        if let Some(v) = schema.metadata.get(key).filter(|v| !v.is_empty()) {
            schema_json.insert(key.to_owned(), json!(v));
        }
    }
    if let Some(meta) = schema
        .metadata
        .get("meta")
        .and_then(|m| serde_json::from_str::<Value>(m).ok())
    {
        schema_json.insert("meta".to_owned(), meta);
    }
    schema_json.insert("fields".to_owned(), Value::Array(fields));
    let mut data = Map::new();
    data.insert("values".to_owned(), json!(columns));
    if nanos.iter().any(Option::is_some) {
        let rest: Vec<Value> = nanos
            .into_iter()
            .map(|n| n.map_or(Value::Null, Value::Array))
            .collect();
        data.insert("nanos".to_owned(), Value::Array(rest));
    }
    Ok(json!({ "schema": schema_json, "data": data }))
}

/// Grafana's `type` and `typeInfo.frame` of an Arrow type.
fn types(data_type: &DataType) -> (&'static str, &'static str) {
    match data_type {
        DataType::Timestamp(_, _) => ("time", "time.Time"),
        DataType::Int8 => ("number", "int8"),
        DataType::Int16 => ("number", "int16"),
        DataType::Int32 => ("number", "int32"),
        DataType::Int64 => ("number", "int64"),
        DataType::UInt8 => ("number", "uint8"),
        DataType::UInt16 => ("number", "uint16"),
        DataType::UInt32 => ("number", "uint32"),
        DataType::UInt64 => ("number", "uint64"),
        DataType::Float32 => ("number", "float32"),
        DataType::Float64 => ("number", "float64"),
        DataType::Boolean => ("boolean", "bool"),
        DataType::Utf8 | DataType::LargeUtf8 => ("string", "string"),
        _ => ("other", "json.RawMessage"),
    }
}

fn field_json(field: &Field) -> Value {
    let (kind, frame) = types(&field.data_type);
    let mut type_info = Map::new();
    type_info.insert("frame".to_owned(), json!(frame));
    if field.is_nullable {
        type_info.insert("nullable".to_owned(), json!(true));
    }
    let mut out = Map::new();
    out.insert("name".to_owned(), json!(field.name));
    out.insert("type".to_owned(), json!(kind));
    out.insert("typeInfo".to_owned(), Value::Object(type_info));
    for key in ["labels", "config"] {
        if let Some(v) = field
            .metadata
            .get(key)
            .and_then(|m| serde_json::from_str::<Value>(m).ok())
        {
            if !v.is_null() && v != json!({}) {
                out.insert(key.to_owned(), v);
            }
        }
    }
    Value::Object(out)
}

fn primitive<T: grafana_plugin_sdk::arrow2::types::NativeType>(
    array: &dyn Array,
    out: &mut Vec<Value>,
    to_json: impl Fn(T) -> Value,
) -> Result<(), FrameError> {
    let a = array
        .as_any()
        .downcast_ref::<PrimitiveArray<T>>()
        .ok_or_else(|| FrameError(format!("unexpected array for {:?}", array.data_type())))?;
    out.extend(a.iter().map(|v| v.map_or(Value::Null, |v| to_json(*v))));
    Ok(())
}

fn push_values(
    array: &dyn Array,
    out: &mut Vec<Value>,
    nanos: &mut Option<Vec<Value>>,
) -> Result<(), FrameError> {
    match array.data_type() {
        DataType::Timestamp(unit, _) => {
            // (milliseconds, nanoseconds below them) of one value in `unit`.
            let split = |v: i64| -> (i64, i64) {
                match unit {
                    TimeUnit::Second => (v.saturating_mul(1000), 0),
                    TimeUnit::Millisecond => (v, 0),
                    TimeUnit::Microsecond => (v.div_euclid(1_000), v.rem_euclid(1_000) * 1_000),
                    TimeUnit::Nanosecond => (v.div_euclid(1_000_000), v.rem_euclid(1_000_000)),
                }
            };
            let a = array
                .as_any()
                .downcast_ref::<PrimitiveArray<i64>>()
                .ok_or_else(|| FrameError("unexpected time array".to_owned()))?;
            let mut rest = Vec::with_capacity(a.len());
            for v in a.iter() {
                let (ms, ns) = v.map_or((None, 0), |v| {
                    let (ms, ns) = split(*v);
                    (Some(ms), ns)
                });
                out.push(ms.map_or(Value::Null, |ms| json!(ms)));
                rest.push(json!(ns));
            }
            if rest.iter().any(|r| r != &json!(0)) {
                nanos.get_or_insert_with(Vec::new).extend(rest);
            }
            Ok(())
        }
        DataType::Int8 => primitive::<i8>(array, out, |v| json!(v)),
        DataType::Int16 => primitive::<i16>(array, out, |v| json!(v)),
        DataType::Int32 => primitive::<i32>(array, out, |v| json!(v)),
        DataType::Int64 => primitive::<i64>(array, out, |v| json!(v)),
        DataType::UInt8 => primitive::<u8>(array, out, |v| json!(v)),
        DataType::UInt16 => primitive::<u16>(array, out, |v| json!(v)),
        DataType::UInt32 => primitive::<u32>(array, out, |v| json!(v)),
        DataType::UInt64 => primitive::<u64>(array, out, |v| json!(v)),
        // JSON has no NaN or infinity: Grafana writes them as null too (with an entity note).
        DataType::Float32 => primitive::<f32>(array, out, |v| json!(v)),
        DataType::Float64 => primitive::<f64>(array, out, |v| json!(v)),
        DataType::Boolean => {
            let a = array
                .as_any()
                .downcast_ref::<BooleanArray>()
                .ok_or_else(|| FrameError("unexpected bool array".to_owned()))?;
            out.extend(a.iter().map(|v| v.map_or(Value::Null, Value::Bool)));
            Ok(())
        }
        DataType::Utf8 => {
            let a = array
                .as_any()
                .downcast_ref::<Utf8Array<i32>>()
                .ok_or_else(|| FrameError("unexpected string array".to_owned()))?;
            out.extend(a.iter().map(|v| v.map_or(Value::Null, |s| json!(s))));
            Ok(())
        }
        other => Err(FrameError(format!("unsupported field type {other:?}"))),
    }
}
