-- vmbkmcl.lua: Wireshark / tshark dissector for the channel captures of the vmbkmcl SDK
-- (ChannelCapture, -Dvmbkmcl.capture=FILE, or the samples' --trace FILE).
--
--   wireshark -X lua_script:samples/src/main/wireshark/vmbkmcl.lua capture.pcapng
--   tshark -X lua_script:samples/src/main/wireshark/vmbkmcl.lua -r capture.pcapng -V
--   (or copy it into ~/.local/lib/wireshark/plugins/)
--
-- Each pcapng interface is one channel, link type LINKTYPE_USER0 (147), its description
-- "class=GUID instance=GUID side=guest|host". Each packet block holds one record: a 24-byte
-- header (u8 kind, u8 version, u16 header length, u32 reserved, u64 a, u64 b; little-endian) and
-- its body. kind 1 = ring packet (a/b = ring index before/after, body = the packet from its
-- descriptor), 2 = doorbell, 3 = ring-full wait (a = nanoseconds), 4 = state change (body = event,
-- a 0 byte, detail). The direction (inbound/outbound, from the tapped side) is in epb_flags.
-- The same decoding as text: `samples trace show FILE` (dev.vmbkmcl.capture.PacketText).

local p = Proto("vmbkmcl", "VMBus channel (vmbkmcl capture)")

local KINDS = { [1] = "packet", [2] = "signal", [3] = "ring-full", [4] = "state" }
local TYPES = { [6] = "inband", [7] = "xfer_pages", [9] = "gpa_direct", [11] = "completion" }
local IC_TYPES = { [0] = "negotiate", [1] = "heartbeat", [2] = "kvp", [3] = "shutdown",
  [4] = "timesync", [5] = "vss", [6] = "rdv", [7] = "fcopy", [8] = "vmsession" }
local DM_TYPES = { [0] = "error", [1] = "version_request", [2] = "version_response",
  [3] = "capabilities_report", [4] = "capabilities_response", [5] = "status_report",
  [6] = "balloon_request", [7] = "balloon_response", [8] = "unballoon_request",
  [9] = "unballoon_response", [10] = "hot_add_request", [11] = "hot_add_response",
  [12] = "info", [13] = "hot_remove_request", [14] = "hot_remove_response" }
local FCOPY_OPS = { [0] = "start_file_copy", [1] = "write_to_file", [2] = "complete_fcopy",
  [3] = "cancel_fcopy" }

local CLASS = {
  ["57164f39-9115-4e78-ab55-382f3bd5422d"] = "ic",
  ["0e0b6031-5213-4934-818b-38d90ced39db"] = "ic",
  ["9527e630-d0ae-497b-adce-e80ab0175caf"] = "ic",
  ["34d14be3-dee4-41c8-9ae7-6b174977c192"] = "ic",
  ["525074dc-8985-46e2-8057-a307dc18a502"] = "dm",
  ["9de5043c-d46c-4f84-9b39-7e32052c4009"] = "echo",
}

local f = {
  kind = ProtoField.uint8("vmbkmcl.kind", "Record kind", base.DEC, KINDS),
  version = ProtoField.uint8("vmbkmcl.version", "Record version"),
  hlen = ProtoField.uint16("vmbkmcl.header_length", "Header length"),
  before = ProtoField.uint64("vmbkmcl.index_before", "Ring index before"),
  after = ProtoField.uint64("vmbkmcl.index_after", "Ring index after"),
  waited = ProtoField.uint64("vmbkmcl.waited_ns", "Waited (ns)"),
  state = ProtoField.string("vmbkmcl.state", "State event"),
  detail = ProtoField.string("vmbkmcl.detail", "Detail"),
  class = ProtoField.string("vmbkmcl.class", "Channel class"),
  side = ProtoField.string("vmbkmcl.side", "Tapped side"),

  type = ProtoField.uint16("vmbkmcl.vmbus.type", "Packet type", base.HEX, TYPES),
  offset8 = ProtoField.uint16("vmbkmcl.vmbus.offset8", "offset8"),
  len8 = ProtoField.uint16("vmbkmcl.vmbus.len8", "len8"),
  flags = ProtoField.uint16("vmbkmcl.vmbus.flags", "Flags", base.HEX),
  txid = ProtoField.uint64("vmbkmcl.vmbus.txid", "Transaction id", base.HEX),
  payload = ProtoField.uint32("vmbkmcl.vmbus.payload_length", "Payload bytes"),
  ranges = ProtoField.uint32("vmbkmcl.vmbus.range_count", "GPA range count"),
  malformed = ProtoField.string("vmbkmcl.malformed", "Malformed"),

  ic_pipe_flags = ProtoField.uint32("vmbkmcl.ic.pipe_flags", "Pipe flags"),
  ic_pipe_size = ProtoField.uint32("vmbkmcl.ic.pipe_msgsize", "Pipe message size"),
  ic_fw = ProtoField.string("vmbkmcl.ic.framework", "Framework version"),
  ic_msg = ProtoField.string("vmbkmcl.ic.message_version", "Message version"),
  ic_type = ProtoField.uint16("vmbkmcl.ic.msgtype", "IC message type", base.DEC, IC_TYPES),
  ic_size = ProtoField.uint16("vmbkmcl.ic.msgsize", "IC body size"),
  ic_status = ProtoField.uint32("vmbkmcl.ic.status", "Status", base.HEX),
  ic_txid = ProtoField.uint8("vmbkmcl.ic.txid", "IC transaction id"),
  ic_flags = ProtoField.uint8("vmbkmcl.ic.flags", "IC flags", base.HEX),
  neg_fc = ProtoField.uint16("vmbkmcl.ic.negotiate.framework_count", "Framework versions"),
  neg_mc = ProtoField.uint16("vmbkmcl.ic.negotiate.message_count", "Message versions"),
  neg_v = ProtoField.string("vmbkmcl.ic.negotiate.version", "Version"),
  hb_seq = ProtoField.uint64("vmbkmcl.ic.heartbeat.seq", "Sequence number"),
  sd_reason = ProtoField.uint32("vmbkmcl.ic.shutdown.reason", "Reason code", base.HEX),
  sd_timeout = ProtoField.uint32("vmbkmcl.ic.shutdown.timeout", "Timeout (s)"),
  sd_flags = ProtoField.uint32("vmbkmcl.ic.shutdown.flags", "Shutdown flags", base.HEX),
  ts_parent = ProtoField.uint64("vmbkmcl.ic.timesync.parenttime", "Parent time"),
  ts_child = ProtoField.uint64("vmbkmcl.ic.timesync.childtime", "Child time"),
  fc_op = ProtoField.uint32("vmbkmcl.ic.fcopy.op", "File copy operation", base.DEC, FCOPY_OPS),
  fc_file = ProtoField.string("vmbkmcl.ic.fcopy.file", "File name"),
  fc_offset = ProtoField.uint64("vmbkmcl.ic.fcopy.offset", "Offset"),
  fc_size = ProtoField.uint64("vmbkmcl.ic.fcopy.size", "Size"),

  dm_type = ProtoField.uint16("vmbkmcl.dm.type", "DM message type", base.DEC, DM_TYPES),
  dm_size = ProtoField.uint16("vmbkmcl.dm.size", "DM message size"),
  dm_txid = ProtoField.uint32("vmbkmcl.dm.txid", "DM transaction id"),
  dm_version = ProtoField.string("vmbkmcl.dm.version", "Protocol version"),
  dm_last = ProtoField.uint32("vmbkmcl.dm.last_attempt", "Last attempt"),
  dm_accepted = ProtoField.uint32("vmbkmcl.dm.accepted", "Accepted"),
  dm_caps = ProtoField.uint64("vmbkmcl.dm.caps", "Capabilities", base.HEX),
  dm_min = ProtoField.uint64("vmbkmcl.dm.min_pages", "Minimum pages"),
  dm_avail = ProtoField.uint64("vmbkmcl.dm.avail", "Pages available"),
  dm_committed = ProtoField.uint64("vmbkmcl.dm.committed", "Pages committed"),
  dm_pages = ProtoField.uint32("vmbkmcl.dm.pages", "Pages"),
  dm_more = ProtoField.uint32("vmbkmcl.dm.more", "More pages"),
  dm_ranges = ProtoField.uint32("vmbkmcl.dm.ranges", "Range count"),
  dm_pfn = ProtoField.uint64("vmbkmcl.dm.start_pfn", "Start PFN", base.HEX),
  dm_result = ProtoField.uint32("vmbkmcl.dm.result", "Result"),

  echo_op = ProtoField.uint32("vmbkmcl.echo.op", "Echo operation", base.DEC,
    { [1] = "echo", [2] = "checksum" }),
  echo_seq = ProtoField.uint32("vmbkmcl.echo.seq", "Sequence / GPADL"),
  echo_len = ProtoField.uint32("vmbkmcl.echo.length", "Length"),
  echo_result = ProtoField.uint32("vmbkmcl.echo.result", "Checksum result"),
  echo_crc = ProtoField.uint64("vmbkmcl.echo.crc", "CRC-32", base.HEX),
}
local list = {}
for _, v in pairs(f) do list[#list + 1] = v end
p.fields = list

local if_description = Field.new("frame.interface_description")
local direction = Field.new("frame.packet_flags_direction")

local function ver(tvb, at)
  return tvb(at, 2):le_uint() .. "." .. tvb(at + 2, 2):le_uint()
end

-- Wireshark 4.0 runs Lua 5.2: bit operations go through its `bit` library.
-- Each decoder gets the payload's TvbRange and returns a short summary; every read is guarded by
-- the length it needs, so a short packet decodes as far as it goes.
local function ic(b, tree)
  local n = b:len()
  if n < 28 then tree:add(f.malformed, "IC header truncated"); return "ic truncated" end
  local t = tree:add(b(0, 28), "Integration component header")
  t:add_le(f.ic_pipe_flags, b(0, 4)); t:add_le(f.ic_pipe_size, b(4, 4))
  t:add(f.ic_fw, b(8, 4), b(8, 2):le_uint() .. "." .. b(10, 2):le_uint())
  local mtype = b(12, 2):le_uint()
  t:add_le(f.ic_type, b(12, 2))
  t:add(f.ic_msg, b(14, 4), b(14, 2):le_uint() .. "." .. b(16, 2):le_uint())
  t:add_le(f.ic_size, b(18, 2)); t:add_le(f.ic_status, b(20, 4)); t:add_le(f.ic_txid, b(24, 1))
  t:add_le(f.ic_flags, b(25, 1))
  local name = IC_TYPES[mtype] or ("type " .. mtype)
  local rb = b(25, 1):le_uint()
  local summary = "ic " .. name .. (bit.band(rb, 4) ~= 0 and " response" or (bit.band(rb, 2) ~= 0 and " request" or ""))
  local have = n - 28
  if mtype == 0 and have >= 8 then
    local fc, mc = b(28, 2):le_uint(), b(30, 2):le_uint()
    tree:add_le(f.neg_fc, b(28, 2)); tree:add_le(f.neg_mc, b(30, 2))
    local count = math.min(fc + mc, 100, math.floor((have - 8) / 4))
    for i = 0, count - 1 do tree:add(f.neg_v, b(36 + 4 * i, 4), ver(b, 36 + 4 * i)) end
  elseif mtype == 1 and have >= 8 then
    tree:add_le(f.hb_seq, b(28, 8)); summary = summary .. " seq=" .. b(28, 8):le_uint64()
  elseif mtype == 3 and have >= 12 then
    tree:add_le(f.sd_reason, b(28, 4)); tree:add_le(f.sd_timeout, b(32, 4))
    tree:add_le(f.sd_flags, b(36, 4))
  elseif mtype == 4 and have >= 16 then
    tree:add_le(f.ts_parent, b(28, 8)); tree:add_le(f.ts_child, b(36, 8))
  elseif mtype == 7 and have >= 4 then
    local op = b(28, 4):le_uint()
    tree:add_le(f.fc_op, b(28, 4)); summary = summary .. " " .. (FCOPY_OPS[op] or op)
    if op == 1 and have >= 52 then
      tree:add_le(f.fc_offset, b(68, 8)); tree:add_le(f.fc_size, b(76, 4))
    elseif op == 0 and have >= 1088 then
      tree:add(f.fc_file, b(64, 520), b(64, 520):le_ustringz())
      tree:add_le(f.fc_size, b(1108, 8))
    end
  end
  return summary
end

local function dm(b, tree)
  local n = b:len()
  if n < 8 then tree:add(f.malformed, "DM header truncated"); return "dm truncated" end
  local t, size = b(0, 2):le_uint(), b(2, 2):le_uint()
  local h = tree:add(b(0, 8), "Dynamic Memory header")
  h:add_le(f.dm_type, b(0, 2)); h:add_le(f.dm_size, b(2, 2)); h:add_le(f.dm_txid, b(4, 4))
  local have = math.min(n, math.max(size, 8))
  if t == 1 and have >= 16 then
    tree:add(f.dm_version, b(8, 4), b(10, 2):le_uint() .. "." .. b(8, 2):le_uint())
    tree:add(f.dm_last, b(12, 4), bit.band(b(12, 4):le_uint(), 1))
  elseif (t == 2 or t == 4) and have >= 16 then
    tree:add(f.dm_accepted, b(8, 8), bit.band(b(8, 4):le_uint(), 1))
  elseif t == 3 and have >= 32 then
    tree:add_le(f.dm_caps, b(8, 8)); tree:add_le(f.dm_min, b(16, 8))
  elseif t == 5 and have >= 24 then
    tree:add_le(f.dm_avail, b(8, 8)); tree:add_le(f.dm_committed, b(16, 8))
  elseif t == 6 and have >= 12 then
    tree:add_le(f.dm_pages, b(8, 4))
  elseif t == 7 and have >= 16 then
    local word = b(12, 4):le_uint()
    tree:add(f.dm_more, b(12, 4), bit.band(word, 1)); tree:add(f.dm_ranges, b(12, 4), bit.rshift(word, 1))
  elseif t == 8 and have >= 16 then
    tree:add(f.dm_more, b(8, 4), bit.band(b(8, 4):le_uint(), 1)); tree:add_le(f.dm_ranges, b(12, 4))
  elseif t == 10 and have >= 16 then
    local r = b(8, 8):le_uint64()
    tree:add(f.dm_pfn, b(8, 8), r:band(UInt64(0xFFFFFFFF, 0xFF)))
    tree:add(f.dm_pages, b(8, 8), r:rshift(40):tonumber())
  elseif t == 11 and have >= 16 then
    tree:add_le(f.dm_pages, b(8, 4)); tree:add_le(f.dm_result, b(12, 4))
  end
  return "dm " .. (DM_TYPES[t] or ("type " .. t))
end

local function echo(b, tree, ptype)
  local n = b:len()
  if n < 12 then tree:add(f.malformed, "echo header truncated"); return "echo truncated" end
  -- A checksum answer is exactly 16 bytes; an echo's completion repeats a request of 17 or more.
  if ptype == 11 and n == 16 then
    tree:add_le(f.echo_result, b(0, 4)); tree:add_le(f.echo_crc, b(8, 8))
    return "echo answer"
  end
  tree:add_le(f.echo_op, b(0, 4)); tree:add_le(f.echo_seq, b(4, 4)); tree:add_le(f.echo_len, b(8, 4))
  local op = b(0, 4):le_uint()
  return "echo " .. (op == 1 and "echo" or (op == 2 and "checksum" or ("op " .. op)))
end

local function vmbus_packet(b, pinfo, tree, proto)
  local n = b:len()
  if n < 16 then tree:add(f.malformed, "descriptor truncated"); return "truncated descriptor" end
  local ptype, offset8, len8 = b(0, 2):le_uint(), b(2, 2):le_uint(), b(4, 2):le_uint()
  local d = tree:add(b(0, 16), "VMBus packet descriptor")
  d:add_le(f.type, b(0, 2)); d:add_le(f.offset8, b(2, 2)); d:add_le(f.len8, b(4, 2))
  d:add_le(f.flags, b(6, 2)); d:add_le(f.txid, b(8, 8))
  local summary = TYPES[ptype] or string.format("type 0x%x", ptype)
  if offset8 < 2 or offset8 > len8 or len8 * 8 > n then
    tree:add(f.malformed, "offset8/len8 outside the packet")
    return summary .. " malformed"
  end
  if ptype == 9 and offset8 >= 3 then d:add_le(f.ranges, b(20, 4)) end
  local plen = (len8 - offset8) * 8
  d:add(f.payload, plen)
  if plen == 0 or proto == nil then return summary end
  local body = b(offset8 * 8, plen)
  local sub = tree:add(body, "Payload")
  local what
  if proto == "ic" then what = ic(body, sub)
  elseif proto == "dm" then what = dm(body, sub)
  else what = echo(body, sub, ptype) end
  return summary .. " " .. what
end

function p.dissector(tvb, pinfo, tree)
  if tvb:len() < 24 then return 0 end
  pinfo.cols.protocol = "VMBus"
  local root = tree:add(p, tvb())
  local kind = tvb(0, 1):uint()
  root:add(f.kind, tvb(0, 1)); root:add(f.version, tvb(1, 1)); root:add_le(f.hlen, tvb(2, 2))
  local hlen = tvb(2, 2):le_uint()
  if hlen < 24 or hlen > tvb:len() then root:add(f.malformed, "header length"); return end
  local desc = if_description()
  local class = desc and string.match(tostring(desc.value), "class=([%x-]+)")
  local side = desc and string.match(tostring(desc.value), "side=(%a+)")
  if class then root:add(f.class, class) end
  if side then root:add(f.side, side) end
  local dir = direction()
  local arrow = ""
  if dir and dir.value == 1 then arrow = "in " elseif dir and dir.value == 2 then arrow = "out " end
  local info
  if kind == 1 then
    root:add_le(f.before, tvb(8, 8)); root:add_le(f.after, tvb(16, 8))
    if hlen == tvb:len() then info = "empty packet"
    else info = vmbus_packet(tvb(hlen), pinfo, root, class and CLASS[class]) end
  elseif kind == 2 then
    info = "signal"
  elseif kind == 3 then
    root:add_le(f.waited, tvb(8, 8)); info = "ring full, waited " .. tvb(8, 8):le_uint64() .. " ns"
  elseif kind == 4 and hlen < tvb:len() then
    local text = tvb(hlen):raw()
    local zero = string.find(text, "\0", 1, true)
    local event = zero and string.sub(text, 1, zero - 1) or text
    local detail = zero and string.sub(text, zero + 1) or ""
    root:add(f.state, tvb(hlen), event)
    if detail ~= "" then root:add(f.detail, detail) end
    info = "state " .. event .. (detail ~= "" and (" (" .. detail .. ")") or "")
  else
    info = KINDS[kind] or ("kind " .. kind)
  end
  pinfo.cols.info = (side or "") .. " " .. arrow .. info
end

DissectorTable.get("wtap_encap"):add(wtap_encaps.USER0, p)
