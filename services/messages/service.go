package messages

import (
	"context"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/service"
)

// Version is the service version registered with micro.
const Version = "1.0.0"

// Endpoints are the service's micro endpoints: get returns a stored
// message and its moderation from the service's read model. Being a micro
// service makes the messages service visible to $SRV.PING and so to the
// gateway's /readyz.
func Endpoints(l *Log, mod *Moderated) []service.Endpoint {
	return []service.Endpoint{
		{Name: "get", Subject: api.SubjectMessagesGet,
			Handler: service.JSON(func(ctx context.Context, req *api.MessageGetRequest) (any, error) {
				return Get(ctx, l, mod, req.Tenant, req.ID)
			})},
	}
}

// Get returns tenant's message id and what moderators decided about it
// (ids are unique per tenant: another tenant's message of that id is not
// found).
func Get(ctx context.Context, l *Log, mod *Moderated, tenant, id string) (*api.MessageRecord, error) {
	if err := ValidID("id", id); err != nil {
		return nil, err
	}
	if err := l.Wait(ctx, 0); err != nil {
		return nil, err
	}
	m, ok := l.Get(tenant, id)
	if !ok {
		return nil, api.FieldError(api.CodeNotFound, "id", "no message %q", id)
	}
	st, _ := mod.Get(tenant, id)
	return &api.MessageRecord{Message: m, Moderation: st}, nil
}
