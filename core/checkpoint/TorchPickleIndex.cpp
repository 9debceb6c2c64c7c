#include "checkpoint/TorchPickleIndex.h"

#include "common/Error.h"

#include <cstring>
#include <memory>

namespace filterscope {
namespace {

struct Value;
using ValuePtr = std::shared_ptr<Value>;

struct Value {
    enum class Kind {
        None,
        Bool,
        Int,
        Float,
        String,
        Tuple,
        List,
        Dict,
        Global,
        Storage,
        Tensor,
        Object,
        Mark
    };
    Kind kind = Kind::None;
    int64_t i = 0;
    std::string s;                // String; Global "module.name"; Storage key
    std::vector<ValuePtr> items;  // Tuple, List; Dict as key, value, key, value…
    TorchTensorRecord tensor;
};

// Pickles can nest a million containers deep and put a list inside itself: every value is also owned by
// the arena of the parse, which cuts all links one value at a time when the parse ends, so destruction
// neither recurses down a deep chain (stack overflow) nor leaves a cycle behind (leak).
thread_local std::vector<ValuePtr>* tArena = nullptr;

class ValueArena {
public:
    ValueArena() : previous_(tArena) { tArena = &values_; }
    ~ValueArena() {
        for (const ValuePtr& v : values_)
            v->items.clear();
        tArena = previous_;
    }
    ValueArena(const ValueArena&) = delete;
    ValueArena& operator=(const ValueArena&) = delete;

private:
    std::vector<ValuePtr> values_;
    std::vector<ValuePtr>* previous_;
};

ValuePtr make(Value::Kind k) {
    auto v = std::make_shared<Value>();
    v->kind = k;
    if (tArena)
        tArena->push_back(v);
    return v;
}

std::string storageDtype(const std::string& global) {
    static const std::map<std::string, std::string> dtypes = {{"torch.FloatStorage", "F32"},
                                                              {"torch.HalfStorage", "F16"},
                                                              {"torch.BFloat16Storage", "BF16"},
                                                              {"torch.DoubleStorage", "F64"}};
    const auto it = dtypes.find(global);
    return it == dtypes.end() ? global : it->second;
}

class PickleMachine {
public:
    PickleMachine(const unsigned char* d, uint64_t n, std::string name)
        : d_(d), n_(n), name_(std::move(name)) {}

    ValuePtr run() {
        while (true) {
            const uint64_t at = p_;
            const unsigned char op = byte();
            if (op == '.')
                return pop(at, op);
            step(op, at);
        }
    }

private:
    [[noreturn]] void fail(uint64_t at, unsigned char op, const std::string& what) const {
        char code[8];
        std::snprintf(code, sizeof code, "0x%02x", op);
        throw Error(name_ + ": malformed pickle at byte " + std::to_string(at) + " (opcode " + code +
                    "): " + what);
    }
    const unsigned char* take(uint64_t count) {
        if (count > n_ - p_)
            throw Error(name_ + ": pickle ends early at byte " + std::to_string(p_) + " (truncated?)");
        const unsigned char* r = d_ + p_;
        p_ += count;
        return r;
    }
    unsigned char byte() { return *take(1); }
    uint64_t unsignedLe(int bytes) {
        const unsigned char* b = take(bytes);
        uint64_t v = 0;
        for (int i = bytes - 1; i >= 0; --i)
            v = (v << 8) | b[i];
        return v;
    }
    std::string text(uint64_t count) {
        return std::string(reinterpret_cast<const char*>(take(count)), count);
    }
    std::string line() {
        std::string s;
        for (unsigned char c = byte(); c != '\n'; c = byte())
            s += static_cast<char>(c);
        return s;
    }
    ValuePtr pop(uint64_t at, unsigned char op) {
        if (stack_.empty())
            fail(at, op, "stack is empty");
        ValuePtr v = stack_.back();
        stack_.pop_back();
        return v;
    }
    std::vector<ValuePtr> popToMark(uint64_t at, unsigned char op) {
        std::vector<ValuePtr> items;
        while (true) {
            ValuePtr v = pop(at, op);
            if (v->kind == Value::Kind::Mark)
                break;
            items.insert(items.begin(), v);
        }
        return items;
    }
    ValuePtr tuple(std::vector<ValuePtr> items) {
        ValuePtr t = make(Value::Kind::Tuple);
        t->items = std::move(items);
        return t;
    }
    void push(ValuePtr v) { stack_.push_back(std::move(v)); }
    void pushInt(int64_t i) {
        ValuePtr v = make(Value::Kind::Int);
        v->i = i;
        push(v);
    }
    void pushString(std::string s) {
        ValuePtr v = make(Value::Kind::String);
        v->s = std::move(s);
        push(v);
    }
    void pushGlobal(std::string module, const std::string& name) {
        ValuePtr v = make(Value::Kind::Global);
        v->s = module + "." + name;
        push(v);
    }
    std::vector<int64_t> ints(const ValuePtr& t, uint64_t at, unsigned char op) {
        if (t->kind != Value::Kind::Tuple)
            fail(at, op, "tensor size or stride is not a tuple");
        std::vector<int64_t> out;
        for (const ValuePtr& v : t->items) {
            if (v->kind != Value::Kind::Int)
                fail(at, op, "tensor size or stride holds a non-integer");
            out.push_back(v->i);
        }
        return out;
    }
    ValuePtr call(const ValuePtr& callable, const ValuePtr& args, uint64_t at, unsigned char op);
    void step(unsigned char op, uint64_t at);

    const unsigned char* d_;
    uint64_t n_, p_ = 0;
    std::string name_;
    std::vector<ValuePtr> stack_;
    std::map<uint64_t, ValuePtr> memo_;
};

ValuePtr PickleMachine::call(const ValuePtr& callable, const ValuePtr& args, uint64_t at, unsigned char op) {
    if (args->kind != Value::Kind::Tuple)
        fail(at, op, "call arguments are not a tuple");
    const std::string f = callable->kind == Value::Kind::Global ? callable->s : "";
    const auto& a = args->items;
    if (f == "torch._utils._rebuild_tensor_v2" || f == "torch._utils._rebuild_tensor") {
        if (a.size() < 4 || a[0]->kind != Value::Kind::Storage || a[1]->kind != Value::Kind::Int)
            fail(at, op, f + " called with unexpected arguments");
        ValuePtr t = make(Value::Kind::Tensor);
        t->tensor = a[0]->tensor;
        t->tensor.offset = a[1]->i;
        t->tensor.shape = ints(a[2], at, op);
        t->tensor.stride = ints(a[3], at, op);
        if (t->tensor.shape.size() != t->tensor.stride.size())
            fail(at, op, "tensor size and stride differ in length");
        return t;
    }
    if (f == "torch._utils._rebuild_parameter" && !a.empty())
        return a[0];
    if (f == "collections.OrderedDict")
        return make(Value::Kind::Dict);
    return make(Value::Kind::Object);
}

void PickleMachine::step(unsigned char op, uint64_t at) {
    using K = Value::Kind;
    switch (op) {
        case 0x80:
            byte();
            break;  // PROTO
        case 0x95:
            take(8);
            break;  // FRAME
        case '}':
            push(make(K::Dict));
            break;
        case ']':
            push(make(K::List));
            break;
        case ')':
            push(make(K::Tuple));
            break;
        case '(':
            push(make(K::Mark));
            break;
        case 'N':
            push(make(K::None));
            break;
        case 0x88:
        case 0x89: {
            ValuePtr v = make(K::Bool);
            v->i = op == 0x88;
            push(v);
            break;
        }
        case 'X':
            pushString(text(unsignedLe(4)));
            break;
        case 0x8c:
            pushString(text(byte()));
            break;
        case 'T':
        case 'B':
            pushString(text(unsignedLe(4)));
            break;
        case 'U':
        case 'C':
            pushString(text(byte()));
            break;
        case 0x8e:
            pushString(text(unsignedLe(8)));
            break;
        case 'q':
            memo_[byte()] = stack_.empty() ? nullptr : stack_.back();
            break;
        case 'r':
            memo_[unsignedLe(4)] = stack_.empty() ? nullptr : stack_.back();
            break;
        case 0x94:
            memo_[memo_.size()] = stack_.empty() ? nullptr : stack_.back();
            break;
        case 'h':
        case 'j': {
            const uint64_t key = op == 'h' ? byte() : unsignedLe(4);
            const auto it = memo_.find(key);
            if (it == memo_.end() || !it->second)
                fail(at, op, "memo entry " + std::to_string(key) + " was never stored");
            push(it->second);
            break;
        }
        case 'K':
            pushInt(byte());
            break;
        case 'M':
            pushInt(static_cast<int64_t>(unsignedLe(2)));
            break;
        case 'J':
            pushInt(static_cast<int32_t>(unsignedLe(4)));
            break;
        case 0x8a: {  // LONG1: little-endian two's complement of n bytes
            const int count = byte();
            if (count > 8)
                fail(at, op, "integer of " + std::to_string(count) + " bytes");
            const uint64_t raw = count ? unsignedLe(count) : 0;
            const int64_t v = count && count < 8 && (raw >> (8 * count - 1)) & 1
                                  ? static_cast<int64_t>(raw) - (int64_t(1) << (8 * count))
                                  : static_cast<int64_t>(raw);
            pushInt(v);
            break;
        }
        case 'G': {
            take(8);
            push(make(K::Float));
            break;
        }
        case 't':
            push(tuple(popToMark(at, op)));
            break;
        case 0x85:
        case 0x86:
        case 0x87: {
            std::vector<ValuePtr> items(op - 0x84);
            for (size_t i = items.size(); i-- > 0;)
                items[i] = pop(at, op);
            push(tuple(std::move(items)));
            break;
        }
        case 'c': {
            const std::string module = line();
            pushGlobal(module, line());
            break;
        }
        case 0x93: {  // STACK_GLOBAL
            const ValuePtr name = pop(at, op), module = pop(at, op);
            pushGlobal(module->s, name->s);
            break;
        }
        case 'Q': {  // BINPERSID: ('storage', storage class, key, location, numel)
            const ValuePtr pid = pop(at, op);
            const auto& a = pid->items;
            if (pid->kind != K::Tuple || a.size() < 5 || a[0]->s != "storage" || a[2]->kind != K::String ||
                a[4]->kind != K::Int)
                fail(at, op, "persistent id is not a torch storage reference");
            ValuePtr s = make(K::Storage);
            s->tensor.storageKey = a[2]->s;
            s->tensor.dtype = storageDtype(a[1]->s);
            s->tensor.storageNumel = a[4]->i;
            push(s);
            break;
        }
        case 'R':
        case 0x81: {  // REDUCE, NEWOBJ
            const ValuePtr args = pop(at, op), callable = pop(at, op);
            push(call(callable, args, at, op));
            break;
        }
        case 'b':
            pop(at, op);
            break;  // BUILD: object state is not needed
        case 's':
        case 'u': {
            std::vector<ValuePtr> kv;
            if (op == 's') {
                const ValuePtr v = pop(at, op), k = pop(at, op);
                kv = {k, v};
            } else {
                kv = popToMark(at, op);
            }
            if (stack_.empty() || kv.size() % 2)
                fail(at, op, "SETITEMS without a dict");
            if (stack_.back()->kind == K::Dict)
                stack_.back()->items.insert(stack_.back()->items.end(), kv.begin(), kv.end());
            break;
        }
        case 'a':
        case 'e': {
            std::vector<ValuePtr> items = op == 'a' ? std::vector<ValuePtr>{pop(at, op)} : popToMark(at, op);
            if (stack_.empty())
                fail(at, op, "APPEND without a list");
            stack_.back()->items.insert(stack_.back()->items.end(), items.begin(), items.end());
            break;
        }
        default:
            fail(at, op, "opcode not used by torch.save");
    }
}

// Depth-limited: a corrupt memo reference can make a dict contain itself.
void flatten(const ValuePtr& dict, const std::string& prefix, std::map<std::string, TorchTensorRecord>& out,
             int depth = 0) {
    if (depth > 8)
        return;
    for (size_t i = 0; i + 1 < dict->items.size(); i += 2) {
        const ValuePtr &k = dict->items[i], &v = dict->items[i + 1];
        if (k->kind != Value::Kind::String)
            continue;
        if (v->kind == Value::Kind::Tensor)
            out[prefix + k->s] = v->tensor;
        else if (v->kind == Value::Kind::Dict)
            flatten(v, prefix + k->s + ".", out, depth + 1);
    }
}

}  // namespace

std::map<std::string, TorchTensorRecord> parseTorchPickle(const unsigned char* data, uint64_t size,
                                                          const std::string& name) {
    const ValueArena arena;
    const ValuePtr root = PickleMachine(data, size, name).run();
    std::map<std::string, TorchTensorRecord> out;
    if (root->kind == Value::Kind::Dict)
        flatten(root, "", out);
    if (out.empty())
        throw Error(name + ": the saved object holds no tensors by name (expected a state dict)");
    return out;
}

}  // namespace filterscope
